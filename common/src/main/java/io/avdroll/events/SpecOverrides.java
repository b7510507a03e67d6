package io.avdroll.events;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Per-request overrides of the pool's rollout spec; every field is optional and an absent one keeps
 * the pool's configured value.
 *
 * @param maxUnavailable    hosts out at once: a count ({@code "2"}) or a percent of the pool ({@code "25%"})
 * @param canaryHosts       hosts done alone before the window opens
 * @param maxFailedPercent  failure budget in percent of the pool's hosts; past it the rollout pauses
 * @param drainGracePeriod  how long users get between the first message and the forced log-off
 * @param bakeTime          how long a redeployed host must stay healthy before it counts as verified
 * @param minAvailableHosts capacity floor in hosts
 */
public record SpecOverrides(
        @OptionalField String maxUnavailable,
        @OptionalField Integer canaryHosts,
        @OptionalField Integer maxFailedPercent,
        @OptionalField Duration drainGracePeriod,
        @OptionalField Duration bakeTime,
        @OptionalField Integer minAvailableHosts) {

    private static final Pattern COUNT_OR_PERCENT = Pattern.compile("[0-9]{1,4}%?");

    public SpecOverrides {
        if (maxUnavailable != null && !COUNT_OR_PERCENT.matcher(maxUnavailable).matches()) {
            throw new InvalidEventException("maxUnavailable", "must be a host count like \"2\" or a percent like \"25%\"");
        }
        if (maxUnavailable != null && maxUnavailable.endsWith("%")
                && Integer.parseInt(maxUnavailable.substring(0, maxUnavailable.length() - 1)) > 100) {
            throw new InvalidEventException("maxUnavailable", "a percent must be at most 100%");
        }
        if (canaryHosts != null) {
            Fields.atLeast(canaryHosts, 0, "canaryHosts");
        }
        if (maxFailedPercent != null && (maxFailedPercent < 0 || maxFailedPercent > 100)) {
            throw new InvalidEventException("maxFailedPercent", "must be between 0 and 100 (was " + maxFailedPercent + ")");
        }
        Fields.notNegative(drainGracePeriod, "drainGracePeriod");
        Fields.notNegative(bakeTime, "bakeTime");
        if (minAvailableHosts != null) {
            Fields.atLeast(minAvailableHosts, 0, "minAvailableHosts");
        }
    }

    public static SpecOverrides none() {
        return new SpecOverrides(null, null, null, null, null, null);
    }
}
