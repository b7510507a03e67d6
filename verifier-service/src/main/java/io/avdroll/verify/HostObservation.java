package io.avdroll.verify;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.desktop.SessionHostView;

import java.util.Optional;

/** What the verifier read from Azure about one host at one moment. */
public record HostObservation(Optional<SessionHostView> sessionHost, VmLocation vmLocation, Optional<VirtualMachineView> vm) {

    public HostObservation {
        sessionHost = sessionHost == null ? Optional.empty() : sessionHost;
        vm = vm == null ? Optional.empty() : vm;
    }
}
