package io.avdroll.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of event. The wire name is both the body's {@code type} discriminator and the name of the
 * topic the event is published to, as declared in {@code topology.json} (a test holds them in step).
 */
public enum EventType {
    UPDATE_REQUESTED("update-requested", UpdateRequested.class),
    DRAIN_REQUESTED("drain-requested", DrainRequested.class),
    HOST_DRAINED("host-drained", HostDrained.class),
    HOST_REDEPLOYED("host-redeployed", HostRedeployed.class),
    HOST_VERIFIED("host-verified", HostVerified.class),
    HOST_FAILED("host-failed", HostFailed.class),
    ROLLOUT_CONTROL("rollout-control", RolloutControl.class);

    /** The one schema version this code reads and writes, for every type. */
    public static final int SCHEMA_VERSION = 1;

    private final String wireName;
    private final Class<? extends Event> recordClass;

    EventType(String wireName, Class<? extends Event> recordClass) {
        this.wireName = wireName;
        this.recordClass = recordClass;
    }

    /** The {@code type} value on the wire and the topic name in topology.json. */
    public String wireName() {
        return wireName;
    }

    public Class<? extends Event> recordClass() {
        return recordClass;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
