package io.avdroll.rollout;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rollout should do and within which limits. Plain data: {@link #validate(int)} says what is wrong.
 *
 * @param targetImageVersion gallery image version every host should end on
 * @param maxUnavailable     how many hosts the rollout may have in flight at once (count or % of the pool)
 * @param capacityFloor      capacity the pool must keep (serving hosts and/or session slots)
 * @param canary             hosts that go alone first
 * @param failureBudget      failed hosts tolerated (count or % of the hosts in scope); one more pauses
 * @param drain              how hosts are drained
 * @param ordering           order of admission
 * @param skipMatching       leave hosts already on the target image alone
 * @param maintenanceWindow  when new hosts may be admitted; null = any time
 * @param drAsSurge          resume sleeping DR hosts to hold the floor while others are out
 */
public record RolloutSpec(String targetImageVersion, IntOrPercent maxUnavailable, CapacityFloor capacityFloor,
                          CanaryPolicy canary, IntOrPercent failureBudget, DrainPolicy drain,
                          OrderingStrategy ordering, boolean skipMatching, MaintenanceWindow maintenanceWindow,
                          boolean drAsSurge) {

    public static Builder builder(String targetImageVersion) {
        return new Builder(targetImageVersion);
    }

    public Builder toBuilder() {
        return new Builder(targetImageVersion).maxUnavailable(maxUnavailable).capacityFloor(capacityFloor)
                .canary(canary).failureBudget(failureBudget).drain(drain).ordering(ordering)
                .skipMatching(skipMatching).maintenanceWindow(maintenanceWindow).drAsSurge(drAsSurge);
    }

    /** This spec, or an {@link InvalidRolloutSpecException} listing every violation for a pool of this size. */
    public RolloutSpec validated(int poolSize) {
        List<SpecViolation> violations = validate(poolSize);
        if (!violations.isEmpty()) {
            throw new InvalidRolloutSpecException(violations);
        }
        return this;
    }

    /** Every violation of this spec for a pool of {@code poolSize} hosts; empty when valid. */
    public List<SpecViolation> validate(int poolSize) {
        List<SpecViolation> v = new ArrayList<>();
        if (targetImageVersion == null || targetImageVersion.isBlank()) {
            v.add(new SpecViolation("targetImageVersion", "must not be blank"));
        }
        validateMaxUnavailable(v);
        validateFloor(poolSize, v);
        if (canary == null) {
            v.add(new SpecViolation("canary", "must be given (use CanaryPolicy.none())"));
        } else if (canary.size() < 0) {
            v.add(new SpecViolation("canary.size", "must not be negative (was " + canary.size() + ")"));
        }
        if (failureBudget == null) {
            v.add(new SpecViolation("failureBudget", "must be given"));
        } else if (failureBudget.value() < 0) {
            v.add(new SpecViolation("failureBudget", "must not be negative (was " + failureBudget + ")"));
        } else if (failureBudget.percent() && failureBudget.value() > 100) {
            v.add(new SpecViolation("failureBudget", "must be at most 100% (was " + failureBudget + ")"));
        }
        validateDrain(v);
        if (ordering == null) {
            v.add(new SpecViolation("ordering", "must be given"));
        }
        validateWindow(v);
        return List.copyOf(v);
    }

    /** The window size in hosts for a pool of {@code poolSize}; a percentage never resolves below 1. */
    public int resolvedMaxUnavailable(int poolSize) {
        return Math.max(1, maxUnavailable.resolveDown(poolSize));
    }

    /** Failed hosts tolerated when {@code hostsInScope} hosts are to be redeployed. */
    public int resolvedFailureBudget(int hostsInScope) {
        return Math.max(0, failureBudget.resolveDown(hostsInScope));
    }

    private void validateMaxUnavailable(List<SpecViolation> v) {
        if (maxUnavailable == null) {
            v.add(new SpecViolation("maxUnavailable", "must be given"));
        } else if (maxUnavailable.value() < 1) {
            v.add(new SpecViolation("maxUnavailable", "must be at least 1 or 1% (was " + maxUnavailable
                    + "): with 0 no host could ever be redeployed"));
        } else if (maxUnavailable.percent() && maxUnavailable.value() > 100) {
            v.add(new SpecViolation("maxUnavailable", "must be at most 100% (was " + maxUnavailable + ")"));
        }
    }

    private void validateFloor(int poolSize, List<SpecViolation> v) {
        if (capacityFloor == null) {
            v.add(new SpecViolation("capacityFloor", "must be given (use CapacityFloor.none())"));
            return;
        }
        int hosts = capacityFloor.minAvailableHosts();
        if (hosts < 0) {
            v.add(new SpecViolation("capacityFloor.minAvailableHosts", "must not be negative (was " + hosts + ")"));
        } else if (hosts > 0 && hosts >= poolSize) {
            v.add(new SpecViolation("capacityFloor.minAvailableHosts", "must be below the pool size " + poolSize
                    + " (was " + hosts + "): otherwise no host can ever be taken out"));
        }
        if (capacityFloor.minSessionSlots() < 0) {
            v.add(new SpecViolation("capacityFloor.minSessionSlots",
                    "must not be negative (was " + capacityFloor.minSessionSlots() + ")"));
        }
    }

    private void validateDrain(List<SpecViolation> v) {
        if (drain == null) {
            v.add(new SpecViolation("drain", "must be given (use DrainPolicy.defaults())"));
            return;
        }
        Duration grace = drain.gracePeriod();
        if (grace == null) {
            v.add(new SpecViolation("drain.gracePeriod", "must be given"));
        } else if (grace.isNegative()) {
            v.add(new SpecViolation("drain.gracePeriod", "must not be negative (was " + grace + ")"));
        }
        for (int i = 0; i < drain.reminderOffsets().size(); i++) {
            Duration offset = drain.reminderOffsets().get(i);
            String field = "drain.reminderOffsets[" + i + "]";
            if (offset == null || offset.isNegative() || offset.isZero()) {
                v.add(new SpecViolation(field, "must be a positive time before the deadline (was " + offset + ")"));
            } else if (grace != null && !grace.isNegative() && offset.compareTo(grace) >= 0) {
                v.add(new SpecViolation(field, "must be shorter than the grace period " + grace + " (was " + offset + ")"));
            }
        }
        if (drain.messageTitle() == null || drain.messageTitle().isBlank()) {
            v.add(new SpecViolation("drain.messageTitle", "must not be blank"));
        }
        if (drain.messageText() == null || drain.messageText().isBlank()) {
            v.add(new SpecViolation("drain.messageText", "must not be blank"));
        }
    }

    private void validateWindow(List<SpecViolation> v) {
        if (maintenanceWindow == null) {
            return;
        }
        if (maintenanceWindow.start() == null) {
            v.add(new SpecViolation("maintenanceWindow.start", "must be given"));
        }
        if (maintenanceWindow.end() == null) {
            v.add(new SpecViolation("maintenanceWindow.end", "must be given"));
        }
        String zone = maintenanceWindow.timeZone();
        if (zone == null || zone.isBlank()) {
            v.add(new SpecViolation("maintenanceWindow.timeZone", "must be an IANA time zone such as Europe/Berlin"));
        } else {
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                v.add(new SpecViolation("maintenanceWindow.timeZone",
                        "unknown time zone \"" + zone + "\" (expected an IANA id such as Europe/Berlin)"));
            }
        }
    }

    /** Fluent construction with defaults: window 1, no floor, no canary, budget 0, default drain. */
    public static final class Builder {
        private final String targetImageVersion;
        private IntOrPercent maxUnavailable = IntOrPercent.count(1);
        private CapacityFloor capacityFloor = CapacityFloor.none();
        private CanaryPolicy canary = CanaryPolicy.none();
        private IntOrPercent failureBudget = IntOrPercent.count(0);
        private DrainPolicy drain = DrainPolicy.defaults();
        private OrderingStrategy ordering = OrderingStrategy.LEAST_DISRUPTIVE;
        private boolean skipMatching = true;
        private MaintenanceWindow maintenanceWindow;
        private boolean drAsSurge;

        private Builder(String targetImageVersion) {
            this.targetImageVersion = targetImageVersion;
        }

        public Builder maxUnavailable(IntOrPercent value) { this.maxUnavailable = value; return this; }
        public Builder maxUnavailable(String value) { return maxUnavailable(IntOrPercent.parse("maxUnavailable", value)); }
        public Builder capacityFloor(CapacityFloor value) { this.capacityFloor = value; return this; }
        public Builder minAvailableHosts(int hosts) {
            this.capacityFloor = new CapacityFloor(hosts, capacityFloor.minSessionSlots()); return this;
        }
        public Builder minSessionSlots(long slots) {
            this.capacityFloor = new CapacityFloor(capacityFloor.minAvailableHosts(), slots); return this;
        }
        public Builder canary(CanaryPolicy value) { this.canary = value; return this; }
        public Builder failureBudget(IntOrPercent value) { this.failureBudget = value; return this; }
        public Builder failureBudget(String value) { return failureBudget(IntOrPercent.parse("failureBudget", value)); }
        public Builder drain(DrainPolicy value) { this.drain = value; return this; }
        public Builder ordering(OrderingStrategy value) { this.ordering = value; return this; }
        public Builder skipMatching(boolean value) { this.skipMatching = value; return this; }
        public Builder maintenanceWindow(MaintenanceWindow value) { this.maintenanceWindow = value; return this; }
        public Builder drAsSurge(boolean value) { this.drAsSurge = value; return this; }

        /** The spec as given, unchecked (see {@link RolloutSpec#validate(int)}). */
        public RolloutSpec build() {
            return new RolloutSpec(targetImageVersion, maxUnavailable, capacityFloor, canary, failureBudget, drain,
                    ordering, skipMatching, maintenanceWindow, drAsSurge);
        }

        /** The spec, validated for a pool of {@code poolSize} hosts. */
        public RolloutSpec buildValidated(int poolSize) {
            return build().validated(poolSize);
        }
    }
}
