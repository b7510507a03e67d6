package io.avdroll.azure.compute;

public enum OsDiskKind {
    /** {@code diffDiskSettings} with a placement: lives on the host, gone on deallocation. */
    EPHEMERAL,
    /** A managed disk that survives deallocation and hibernation. */
    MANAGED
}
