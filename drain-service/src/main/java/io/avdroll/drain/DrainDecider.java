package io.avdroll.drain;

import io.avdroll.drain.DrainAction.Cause;
import io.avdroll.drain.DrainAction.LogOff;
import io.avdroll.drain.DrainAction.RecordNotice;
import io.avdroll.drain.DrainAction.SendMessage;
import io.avdroll.drain.DrainAction.SetDrainMode;
import io.avdroll.drain.DrainAction.TagVm;
import io.avdroll.drain.DrainOutcome.CheckAgain;
import io.avdroll.drain.DrainOutcome.Drained;
import io.avdroll.drain.DrainOutcome.Failed;
import io.avdroll.drain.DrainOutcome.Ignore;
import io.avdroll.events.DrainRequested;
import io.avdroll.markers.HostTags;
import io.avdroll.rollout.DrainPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides one step of draining a host: {@code (event, drain policy, observed host, now) → actions + outcome}.
 * Pure: no Azure client, no clock. Everything it must remember between steps lives in the VM's tags
 * ({@link HostTags}), so a redelivered or late event decides from Azure's state, never from memory:
 * <ul>
 *   <li>the first admission claims the host (rollout, attempt, drain start, whether an administrator had already
 *       drained it, the scaling-plan exclusion tag) <em>before</em> it turns drain mode on, so a crash in between
 *       cannot make drain-service's own drain look like an administrator's;</li>
 *   <li>the deadline is the recorded <em>first notice</em> plus the grace period, and the reminders count back from
 *       it: the handler stamps {@link HostTags#DRAIN_FIRST_NOTICE} from its clock after the first message went out
 *       ({@link RecordNotice}), so the claim, drain mode and the sending itself do not eat into the users' grace.
 *       Until that stamp exists the times are provisional, counted from {@code now}: a first admission's next check
 *       may then come a moment early and simply waits for the recorded times. A redelivery never moves a recorded
 *       deadline;</li>
 *   <li>notices (the first message, then one per reminder offset) are numbered; the count sent is a tag, so each
 *       goes out once. A notice whose time passed while a later one is due is skipped: users get the latest one;</li>
 *   <li>nobody is logged off before the deadline, except disconnected sessions when the policy says so.</li>
 * </ul>
 *
 * <p>Crash between sending the first message and recording it: the redelivered event finds the host claimed with no
 * notice recorded. Azure keeps no trace of a sent message, so the decider cannot tell whether the crash came before
 * or after the sending; it sends the first message again (users may see it twice, which beats a log-off nobody was
 * told about) and the grace counts from that recorded resend. The clock therefore restarts late by the step it cannot
 * know — from the lost sending to the redelivery (the lock expiry or retry delay) — and never early: every user got a
 * first message at or before the instant the grace counts from, so nobody gets less than the grace period. For the
 * same reason a notice count without a readable first-notice time (a tag edited by hand) restarts the grace at
 * {@code now}, without messaging again.
 */
public final class DrainDecider {

    static final String STAGE_DRAINED = "drained";
    /** The provisioner's marks on a VM it is recreating or has recreated for the rollout's attempt. */
    private static final Set<String> PAST_DRAIN = Set.of("redeploying", "redeployed", "verified");

    private final Duration pollInterval;
    private final String scalingExclusionTag;

    public DrainDecider(Duration pollInterval, String scalingExclusionTag) {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval: must be positive");
        }
        this.pollInterval = pollInterval;
        this.scalingExclusionTag = Objects.requireNonNull(scalingExclusionTag, "scalingExclusionTag");
    }

    public DrainDecision decide(DrainRequested event, DrainPolicy policy, HostObservation host, Instant now) {
        if (!host.complete()) {
            DrainOutcome outcome = missing(event, host);
            // a failed host stays drained and visible: its registration must not take new users while a person looks
            List<DrainAction> actions = outcome instanceof Failed && host.registered() && host.allowNewSession()
                    ? List.of(new SetDrainMode("keep " + event.host() + " out of rotation: it failed its drain"))
                    : List.of();
            return new DrainDecision(actions, outcome);
        }
        Markers markers = Markers.of(host.vmTags());
        boolean ours = event.rolloutId().equals(markers.rollout()) && markers.attempt() == event.attempt();
        if (ours && (markers.drainStarted() != null || markers.stage() != null)) {
            return drain(event, policy, host, markers, List.of(), now);
        }
        String stale = staleReason(event, markers);
        if (stale != null) {
            return new DrainDecision(List.of(), new Ignore(stale));
        }
        return claim(event, policy, host, markers, now);
    }

    /**
     * The registration or the VM is gone. The provisioner removes a drained host's registration, then deletes its VM,
     * then creates a new one with this rollout's tags; anything else took the host away before its drain finished.
     * Told apart from Azure alone, since drain-service remembers nothing:
     * <ul>
     *   <li>a VM of this rollout's attempt marked drained or past it (old VM not yet deleted, or the recreated one):
     *       the drain was done and host-drained published (it is sent after the drained mark) — a late check;</li>
     *   <li>neither a registration nor a VM: the provisioner is between deleting and recreating — a late check.
     *       An administrator removing both by hand mid-drain looks the same from Azure, and is taken as this;</li>
     *   <li>registered but no VM: the provisioner never deletes a registered host's VM, so it was deleted outside
     *       the rollout before the drain finished — host-failed;</li>
     *   <li>a VM not marked drained for this rollout, without registration: removed from the pool outside the rollout
     *       before the drain finished — host-failed (or a stale check of another rollout, ignored).</li>
     * </ul>
     */
    private static DrainOutcome missing(DrainRequested event, HostObservation host) {
        String rollout = "rollout " + event.rolloutId() + " attempt " + event.attempt();
        if (host.vmExists()) {
            Markers markers = Markers.of(host.vmTags());
            boolean ours = event.rolloutId().equals(markers.rollout()) && markers.attempt() == event.attempt();
            if (ours && (STAGE_DRAINED.equals(markers.stage()) || PAST_DRAIN.contains(String.valueOf(markers.stage())))) {
                return new Ignore("drain already done for " + rollout + " (VM marked " + markers.stage() + "): "
                        + host.missing() + "; host-drained was published, the provisioner has taken over");
            }
            String stale = ours ? null : staleReason(event, markers);
            if (stale != null) {
                return new Ignore(stale);
            }
        } else if (!host.registered()) {
            return new Ignore("drain already done for " + rollout + ": " + host.missing()
                    + ", as when the provisioner has removed the drained host and deleted its VM to recreate it");
        }
        return new Failed(null, null, "host " + event.host() + " vanished before its drain finished: " + host.missing()
                + (host.registered()
                ? "; its session host is still registered, so the VM was deleted outside the rollout (the provisioner "
                        + "removes a host's registration before it deletes its VM)"
                : "; its VM is not marked drained for " + rollout + ", so it was removed from the pool outside the rollout"));
    }

    /** Why this event must not touch the host, or null when it may claim it. */
    private static String staleReason(DrainRequested event, Markers markers) {
        String owner = markers.rollout() == null ? "no rollout"
                : "rollout " + markers.rollout() + " attempt " + markers.attempt();
        if (event.check() > 0) {
            return "follow-up check " + event.check() + " of rollout " + event.rolloutId() + " attempt " + event.attempt()
                    + " ignored: the host is marked for " + owner;
        }
        if (event.rolloutId().equals(markers.rollout()) && markers.attempt() > event.attempt()) {
            return "drain request of attempt " + event.attempt() + " ignored: the host is already in attempt "
                    + markers.attempt() + " of rollout " + event.rolloutId();
        }
        if (markers.rollout() != null && !event.rolloutId().equals(markers.rollout()) && markers.drainStarted() != null
                && markers.drainStarted().isAfter(event.occurredAt())) {
            return "drain request of rollout " + event.rolloutId() + " made at " + event.occurredAt()
                    + " ignored: " + owner + " claimed the host later, at " + markers.drainStarted();
        }
        return null;
    }

    private DrainDecision claim(DrainRequested event, DrainPolicy policy, HostObservation host, Markers markers, Instant now) {
        boolean sameRollout = event.rolloutId().equals(markers.rollout());
        String adminDrained = sameRollout && markers.adminDrained() != null
                ? markers.adminDrained()
                : String.valueOf(!host.allowNewSession());
        Map<String, String> put = new LinkedHashMap<>();
        put.put(HostTags.ROLLOUT, event.rolloutId());
        put.put(HostTags.ATTEMPT, String.valueOf(event.attempt()));
        put.put(HostTags.DRAIN_STARTED, now.toString());
        put.put(HostTags.ADMIN_DRAINED, adminDrained);
        put.put(scalingExclusionTag, event.rolloutId());
        TagVm claim = new TagVm(put, Set.of(HostTags.STAGE, HostTags.DRAIN_NOTICES, HostTags.DRAIN_FIRST_NOTICE),
                "claim the host for rollout " + event.rolloutId() + " attempt " + event.attempt() + ": drain starts now"
                        + ("true".equals(adminDrained) ? " (an administrator had already drained it)" : "")
                        + ", autoscaling excluded");
        Markers claimed = new Markers(event.rolloutId(), event.attempt(), now, adminDrained, null, 0, null);
        return drain(event, policy, host, claimed, List.of(claim), now);
    }

    private DrainDecision drain(DrainRequested event, DrainPolicy policy, HostObservation host, Markers markers,
                                List<DrainAction> before, Instant now) {
        if (markers.stage() != null) {
            if (STAGE_DRAINED.equals(markers.stage())) {
                return new DrainDecision(List.of(), new Drained("already drained for rollout " + event.rolloutId()
                        + "; host-drained re-sent (a copy already sent is dropped as a duplicate)"));
            }
            return new DrainDecision(List.of(), new Ignore("host is past drain (stage " + markers.stage() + ")"));
        }
        List<DrainAction> actions = new ArrayList<>(before);
        if (host.allowNewSession()) {
            actions.add(new SetDrainMode(before.isEmpty()
                    ? "drain mode was switched off during the drain: switching it on again"
                    : "no new sessions while the host is drained"));
        }
        Instant firstNotice = markers.firstNotice();
        if (firstNotice == null && markers.noticesSent() > 0) {
            firstNotice = now;
            actions.add(new TagVm(Map.of(HostTags.DRAIN_FIRST_NOTICE, now.toString()), Set.of(),
                    markers.noticesSent() + " notice(s) recorded as sent but not when the first went out: the grace "
                            + "period counts from now, so nobody gets less of it"));
        }
        // provisional until the first notice is recorded: the notice about to go out would be sent about now
        Instant graceFrom = firstNotice != null ? firstNotice : now;
        Instant deadline = graceFrom.plus(policy.gracePeriod());
        List<ObservedSession> loggedOff = new ArrayList<>();
        for (ObservedSession session : host.sessions()) {
            if (!now.isBefore(deadline)) {
                actions.add(new LogOff(session.id(), session.user(), Cause.DEADLINE,
                        "grace period of " + policy.gracePeriod() + " ended at " + deadline));
                loggedOff.add(session);
            } else if (session.disconnected() && policy.logOffDisconnectedEarly()) {
                actions.add(new LogOff(session.id(), session.user(), Cause.DISCONNECTED_EARLY,
                        "disconnected, and the policy logs disconnected sessions off before the deadline " + deadline));
                loggedOff.add(session);
            }
        }
        List<Instant> notices = noticeTimes(graceFrom, deadline, policy);
        int latestDue = latestDue(notices, now);
        if (now.isBefore(deadline) && latestDue >= markers.noticesSent() && !host.sessions().isEmpty()) {
            boolean first = latestDue == 0;
            String body = first ? policy.messageText() : policy.reminderText();
            String what = first ? "first message" : "reminder " + latestDue + " of " + (notices.size() - 1);
            for (ObservedSession session : host.sessions()) {
                if (!session.disconnected() && !loggedOff.contains(session)) {
                    actions.add(new SendMessage(session.id(), session.user(), policy.messageTitle(), body,
                            what + "; log-off at " + deadline));
                }
            }
            actions.add(new RecordNotice(latestDue + 1, first, "record that the " + what + " was sent"
                    + (first ? "; the grace period of " + policy.gracePeriod() + " counts from this record" : "")));
        }
        if (host.sessions().isEmpty()) {
            actions.add(new TagVm(Map.of(HostTags.STAGE, STAGE_DRAINED), Set.of(), "no session left"));
            return new DrainDecision(actions, new Drained("no user session left on " + event.host()));
        }
        return new DrainDecision(actions, nextCheck(notices, Math.max(latestDue, markers.noticesSent() - 1), deadline,
                host.sessions().size() - loggedOff.size(), now));
    }

    private CheckAgain nextCheck(List<Instant> notices, int lastHandledNotice, Instant deadline, int sessionsLeft, Instant now) {
        Instant poll = now.plus(pollInterval);
        Instant at = poll;
        String why = sessionsLeft == 0 ? "confirm the log-offs" : sessionsLeft + " session(s) left: poll";
        if (now.isBefore(deadline) && !deadline.isAfter(at)) {
            at = deadline;
            why = sessionsLeft + " session(s) left: grace period ends";
        }
        int next = lastHandledNotice + 1;
        if (now.isBefore(deadline) && next < notices.size() && !notices.get(next).isAfter(at)) {
            at = notices.get(next);
            why = sessionsLeft + " session(s) left: reminder " + next + " due";
        }
        return new CheckAgain(at, why + " at " + at);
    }

    /**
     * Notice 0 (the first message) at {@code firstNotice}, then one reminder per distinct offset shorter than the grace
     * period, earliest first. An offset of the grace period or more would fall at or before the start: the first
     * message already covers it.
     */
    static List<Instant> noticeTimes(Instant firstNotice, Instant deadline, DrainPolicy policy) {
        List<Instant> times = new ArrayList<>();
        times.add(firstNotice);
        policy.reminderOffsets().stream()
                .filter(offset -> offset.compareTo(policy.gracePeriod()) < 0)
                .distinct()
                .sorted(Comparator.reverseOrder())
                .map(deadline::minus)
                .forEach(times::add);
        return times;
    }

    private static int latestDue(List<Instant> notices, Instant now) {
        int latest = -1;
        for (int i = 0; i < notices.size(); i++) {
            if (!notices.get(i).isAfter(now)) {
                latest = i;
            }
        }
        return latest;
    }

    /** The markers drain-service reads from the VM's tags; an unreadable value counts as absent. */
    record Markers(String rollout, int attempt, Instant drainStarted, String adminDrained, String stage, int noticesSent,
                   Instant firstNotice) {

        static Markers of(Map<String, String> tags) {
            return new Markers(tags.get(HostTags.ROLLOUT), intOf(tags.get(HostTags.ATTEMPT)),
                    instantOf(tags.get(HostTags.DRAIN_STARTED)), tags.get(HostTags.ADMIN_DRAINED),
                    tags.get(HostTags.STAGE), intOf(tags.get(HostTags.DRAIN_NOTICES)),
                    instantOf(tags.get(HostTags.DRAIN_FIRST_NOTICE)));
        }

        private static int intOf(String value) {
            try {
                return value == null ? 0 : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static Instant instantOf(String value) {
            try {
                return value == null ? null : Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
