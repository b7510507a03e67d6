package io.avdroll.topology;

/** A queue; {@code consumedBy} names the service that reads it. */
public record QueueSpec(
        String name,
        String description,
        boolean requiresSession,
        boolean requiresDuplicateDetection,
        String consumedBy,
        EntitySettings settings) {
}
