package io.avdroll.pool;

import java.util.Arrays;

/**
 * Health status of a session host as reported by the AVD service ({@code SessionHostProperties.status}).
 * {@link #UNKNOWN} stands for a value this code does not know yet (the API models the enum as a string).
 */
public enum SessionHostStatus {
    AVAILABLE("Available"),
    UNAVAILABLE("Unavailable"),
    SHUTDOWN("Shutdown"),
    DISCONNECTED("Disconnected"),
    UPGRADING("Upgrading"),
    UPGRADE_FAILED("UpgradeFailed"),
    NO_HEARTBEAT("NoHeartbeat"),
    NOT_JOINED_TO_DOMAIN("NotJoinedToDomain"),
    DOMAIN_TRUST_RELATIONSHIP_LOST("DomainTrustRelationshipLost"),
    SXS_STACK_LISTENER_NOT_READY("SxSStackListenerNotReady"),
    FSLOGIX_NOT_HEALTHY("FSLogixNotHealthy"),
    NEEDS_ASSISTANCE("NeedsAssistance"),
    UNKNOWN("Unknown");

    private final String apiValue;

    SessionHostStatus(String apiValue) {
        this.apiValue = apiValue;
    }

    /** The value as the AVD REST API spells it. */
    public String apiValue() {
        return apiValue;
    }

    /** Parses the REST value case-insensitively; an unrecognised or missing value becomes {@link #UNKNOWN}. */
    public static SessionHostStatus fromApiValue(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return Arrays.stream(values()).filter(s -> s.apiValue.equalsIgnoreCase(value)).findFirst().orElse(UNKNOWN);
    }

    /**
     * True for statuses that mean something is wrong with the host itself, as opposed to it being asleep or
     * shut down on purpose. Such hosts are redeployed first: they serve nobody, so taking them costs no capacity.
     */
    public boolean unhealthy() {
        return switch (this) {
            case AVAILABLE, SHUTDOWN, UPGRADING -> false;
            default -> true;
        };
    }
}
