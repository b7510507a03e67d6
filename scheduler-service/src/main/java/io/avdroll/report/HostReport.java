package io.avdroll.report;

import java.time.Duration;
import java.util.Optional;

/**
 * One host's part in a rollout.
 *
 * @param outcome    the stage it ended in (VERIFIED, FAILED, SKIPPED, or where it was when the rollout ended)
 * @param waited     from the rollout's start to the host's (last) admission; empty if never admitted
 * @param inFlight   from its (last) admission to its verdict; empty if never admitted or not finished
 * @param failedIn   the stage it failed in
 * @param reason     why it ended where it did (the failure reason for a failed host)
 */
public record HostReport(String host, String hostClass, String outcome, int attempts, Optional<Duration> waited,
                         Optional<Duration> inFlight, Optional<String> failedIn, String reason) {
}
