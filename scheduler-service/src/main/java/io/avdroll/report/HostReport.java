package io.avdroll.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One host's part in a rollout: when each stage of its (last) attempt began and ended, what was forced on its users,
 * how it ended and why. An instant is null and a duration empty when the host never got there or the verdict did
 * not say (a stage service from before stage times).
 *
 * @param outcome        the stage it ended in (VERIFIED, FAILED, SKIPPED, or where it was when the rollout ended)
 * @param admittedAt     when the coordinator admitted its last attempt
 * @param drainStartedAt when drain-service began draining it
 * @param drainedAt      when it had no sessions left (the redeploy began)
 * @param redeployedAt   when it was recreated from the target image (verification began)
 * @param endedAt        its verdict: verified, failed or skipped
 * @param waited         from the rollout's start to the host's (last) admission
 * @param drain          drain start to drained
 * @param redeploy       drained to recreated
 * @param verify         recreated to verified (or to the failure, for a host that failed verification)
 * @param outOfService   from the drain's start (the admission when unknown) to the verdict; a failed host stays
 *                       drained beyond it, for a person to look at
 * @param forcedLogOffs  users logged off by force while it drained
 * @param failedIn       the stage it failed in: {@code drain}, {@code redeploy} or {@code verify}
 * @param reason         why it ended where it did (the failure reason for a failed host)
 */
public record HostReport(String host, String hostClass, String outcome, int attempts, Instant admittedAt,
                         Instant drainStartedAt, Instant drainedAt, Instant redeployedAt, Instant endedAt,
                         Optional<Duration> waited, Optional<Duration> drain, Optional<Duration> redeploy,
                         Optional<Duration> verify, Optional<Duration> outOfService, int forcedLogOffs,
                         Optional<String> failedIn, String reason) {
}
