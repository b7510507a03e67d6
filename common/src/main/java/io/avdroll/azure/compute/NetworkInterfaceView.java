package io.avdroll.azure.compute;

/** The parts of a NIC a replacement host must reuse: its name and its subnet. */
public record NetworkInterfaceView(String id, String resourceGroup, String name, String location, String subnetId,
                                   String privateIpAddress) {
}
