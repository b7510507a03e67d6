package io.avdroll.events;

import java.time.Instant;

/**
 * A host event that its consuming stage re-schedules to itself to look again later (drain reminders
 * and deadline, provisioning polls, bake time). {@link #check()} is 0 for the original and counts the
 * follow-ups, so each one has its own deterministic MessageId ({@code .../drain/check-3}).
 */
public sealed interface FollowUp extends HostEvent permits DrainRequested, HostDrained, HostRedeployed {

    int check();

    /** When this stage began for the host; copied unchanged into every follow-up (deadlines, bake time). */
    Instant stageStartedAt();

    /** The next follow-up of this event: check + 1, occurring at {@code now}. */
    FollowUp nextCheck(Instant now);
}
