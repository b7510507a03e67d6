package io.avdroll.emulator.compute;

import io.avdroll.emulator.arm.ArmException;
import java.util.Optional;

/** What the desktop-virtualization simulation hears from the compute side. Called under the state lock. */
public interface VmLifecycleListener {
    /** An extension finished provisioning; an error fails the extension (e.g. a bad registration token). */
    default Optional<ArmException> extensionProvisioned(VirtualMachine vm, VmExtension extension) {
        return Optional.empty();
    }

    /** The VM finished a power transition (created, started, deallocated, hibernated, stopped). */
    default void powerChanged(VirtualMachine vm, String actor) {
    }

    /** The VM is gone ({@code actor} {@code api}, or {@code admin} for a delete behind the system's back). */
    default void vmDeleted(VirtualMachine vm, String actor) {
    }
}
