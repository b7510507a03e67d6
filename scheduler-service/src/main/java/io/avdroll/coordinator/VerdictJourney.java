package io.avdroll.coordinator;

import io.avdroll.events.HostEvent;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.StageTimes;
import io.avdroll.rollout.HostJourney;

/** What a verdict ({@code host-verified} / {@code host-failed}) tells of the host's stages, for its record. */
final class VerdictJourney {

    private VerdictJourney() {
    }

    /** Null when the verdict carried nothing of its stages (a sender from before stage times). */
    static HostJourney of(HostEvent verdict) {
        if (verdict instanceof HostVerified verified) {
            return of(verified.stageTimes(), null);
        }
        if (verdict instanceof HostFailed failed) {
            HostJourney told = of(failed.stageTimes(), failed.stage().wireName());
            return told != null ? told : new HostJourney(null, null, null, 0, failed.stage().wireName());
        }
        return null;
    }

    private static HostJourney of(StageTimes times, String failedStage) {
        if (times == null) {
            return null;
        }
        return new HostJourney(times.drainStartedAt(), times.drainedAt(), times.redeployedAt(), times.forcedLogOffsOrZero(),
                failedStage);
    }
}
