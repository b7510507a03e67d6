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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DrainDeciderTest {

    private static final String SUBSCRIPTION = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    private static final String IMAGE = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/win11/versions/2.0.0";
    private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(30);
    /** When the first notice was recorded as sent: after the claim, drain mode and the messages themselves. */
    private static final Instant FIRST = T0.plusMillis(500);
    private static final Instant DEADLINE = FIRST.plus(GRACE);
    private static final String EXCLUSION = "ScalingPlanExclusion";

    private final DrainPolicy policy = new DrainPolicy(GRACE, List.of(Duration.ofMinutes(15), Duration.ofMinutes(5)),
            "Maintenance", "Please sign out.", "Reminder: please sign out.", true);
    private final DrainDecider decider = new DrainDecider(Duration.ofMinutes(1), EXCLUSION);
    private final DrainDecider slowPoller = new DrainDecider(Duration.ofHours(1), EXCLUSION);

    private final ObservedSession alice = ObservedSession.active("1", "alice@contoso.com");
    private final ObservedSession bob = ObservedSession.active("2", "bob@contoso.com");
    private final ObservedSession carol = ObservedSession.disconnected("3", "carol@contoso.com");

    // ---- first admission -------------------------------------------------------------------------------------

    @Test
    void theFirstAdmissionClaimsTheHostBeforeTurningOnDrainModeThenMessagesActiveUsers() {
        DrainDecision decision = decider.decide(check(0, T0), policy, host(true, Map.of(), alice, bob), T0);

        assertThat(decision.actions().get(0)).isInstanceOfSatisfying(TagVm.class, claim -> {
            assertThat(claim.put()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1", HostTags.DRAIN_STARTED, T0.toString(),
                    HostTags.ADMIN_DRAINED, "false", EXCLUSION, "r-1"));
            assertThat(claim.remove()).containsExactlyInAnyOrder(HostTags.STAGE, HostTags.DRAIN_NOTICES,
                    HostTags.DRAIN_FIRST_NOTICE);
        });
        assertThat(decision.actions().get(1)).isInstanceOf(SetDrainMode.class);
        assertThat(decision.actionsOf(SendMessage.class)).extracting(SendMessage::sessionId, SendMessage::title, SendMessage::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "Maintenance", "Please sign out."),
                        org.assertj.core.groups.Tuple.tuple("2", "Maintenance", "Please sign out."));
        assertThat(decision.actions()).last().isInstanceOfSatisfying(RecordNotice.class, record -> {
            assertThat(record.noticesSent()).isEqualTo(1);
            assertThat(record.firstNotice()).as("the grace period counts from this record").isTrue();
        });
        assertThat(decision.actionsOf(LogOff.class)).isEmpty();
        assertThat(decision.outcome()).isEqualTo(new CheckAgain(T0.plus(Duration.ofMinutes(1)),
                "2 session(s) left: poll at " + T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aHostAnAdministratorHadAlreadyDrainedIsRecordedSoAndDrainModeIsNotSetAgain() {
        DrainDecision decision = decider.decide(check(0, T0), policy, host(false, Map.of(), alice), T0);

        assertThat(((TagVm) decision.actions().get(0)).put()).containsEntry(HostTags.ADMIN_DRAINED, "true");
        assertThat(decision.actionsOf(SetDrainMode.class)).isEmpty();
        assertThat(decision.actionsOf(SendMessage.class)).hasSize(1);
    }

    @Test
    void anEmptyHostIsDrainedAtItsFirstAdmissionWithoutAnyMessage() {
        DrainDecision decision = decider.decide(check(0, T0), policy, host(true, Map.of()), T0);

        assertThat(decision.actionsOf(SendMessage.class)).isEmpty();
        assertThat(decision.actions()).hasSize(3);
        assertThat(lastTag(decision).put()).isEqualTo(Map.of(HostTags.STAGE, "drained"));
        assertThat(decision.outcome()).isInstanceOf(Drained.class);
    }

    @Test
    void disconnectedSessionsAreNotMessagedButLoggedOffAtOnceWhenThePolicySaysSo() {
        DrainDecision decision = decider.decide(check(0, T0), policy, host(true, Map.of(), alice, carol), T0);

        assertThat(decision.actionsOf(SendMessage.class)).extracting(SendMessage::sessionId).containsExactly("1");
        assertThat(decision.actionsOf(LogOff.class)).extracting(LogOff::sessionId, LogOff::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("3", Cause.DISCONNECTED_EARLY));
    }

    @Test
    void disconnectedSessionsWaitForTheDeadlineWhenThePolicyKeepsThem() {
        DrainPolicy keep = new DrainPolicy(GRACE, policy.reminderOffsets(), "t", "m", "r", false);

        DrainDecision decision = decider.decide(check(0, T0), keep, host(true, Map.of(), alice, carol), T0);

        assertThat(decision.actionsOf(LogOff.class)).isEmpty();
    }

    // ---- follow-ups ------------------------------------------------------------------------------------------

    @Test
    void aReminderThatIsDueIsSentToActiveUsersAndRecorded() {
        Instant at = DEADLINE.minus(Duration.ofMinutes(15));

        DrainDecision decision = decider.decide(check(5, at), policy, host(false, draining(1), alice, bob), at);

        assertThat(decision.actionsOf(SendMessage.class)).extracting(SendMessage::body)
                .containsExactly("Reminder: please sign out.", "Reminder: please sign out.");
        assertThat(decision.actions()).last().isEqualTo(new RecordNotice(2, false, "record that the reminder 1 of 2 was sent"));
        assertThat(decision.actionsOf(SetDrainMode.class)).isEmpty();
    }

    @Test
    void aReminderAlreadyRecordedIsNotSentAgain() {
        Instant at = DEADLINE.minus(Duration.ofMinutes(14));

        DrainDecision decision = decider.decide(check(6, at), policy, host(false, draining(2), alice), at);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOf(CheckAgain.class);
    }

    @Test
    void whenTwoNoticesAreOverdueOnlyTheLatestIsSent() {
        Instant at = DEADLINE.minus(Duration.ofMinutes(4));

        DrainDecision decision = decider.decide(check(2, at), policy, host(false, draining(1), alice), at);

        assertThat(decision.actionsOf(SendMessage.class)).hasSize(1);
        assertThat(lastRecord(decision).noticesSent()).isEqualTo(3);
    }

    @Test
    void nobodyIsLoggedOffOneInstantBeforeTheDeadline() {
        Instant justBefore = DEADLINE.minusMillis(1);

        DrainDecision decision = decider.decide(check(9, justBefore), policy, host(false, draining(3), alice, bob), justBefore);

        assertThat(decision.actionsOf(LogOff.class)).isEmpty();
        assertThat(decision.outcome()).isEqualTo(new CheckAgain(DEADLINE, "2 session(s) left: grace period ends at " + DEADLINE));
    }

    @Test
    void atTheDeadlineEveryRemainingSessionIsLoggedOffWithoutAnotherMessageAndTheLogOffsAreConfirmedLater() {
        DrainDecision decision = decider.decide(check(10, DEADLINE), policy, host(false, draining(3), alice, carol), DEADLINE);

        assertThat(decision.actionsOf(LogOff.class)).extracting(LogOff::sessionId, LogOff::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Cause.DEADLINE), org.assertj.core.groups.Tuple.tuple("3", Cause.DEADLINE));
        assertThat(decision.actionsOf(SendMessage.class)).isEmpty();
        assertThat(decision.outcome()).isInstanceOf(CheckAgain.class);
        assertThat(((CheckAgain) decision.outcome()).at()).isEqualTo(DEADLINE.plus(Duration.ofMinutes(1)));
        assertThat(decision.outcome().reason()).startsWith("confirm the log-offs");
    }

    @Test
    void aDeadlineMissedWhileTheServiceWasDownLogsOffWithoutSendingTheOverdueReminder() {
        Instant late = DEADLINE.plus(Duration.ofMinutes(20));

        DrainDecision decision = decider.decide(check(3, late), policy, host(false, draining(1), alice), late);

        assertThat(decision.actionsOf(SendMessage.class)).isEmpty();
        assertThat(decision.actionsOf(LogOff.class)).hasSize(1);
    }

    @Test
    void whenNoSessionIsLeftTheHostIsMarkedDrainedAndHostDrainedFollows() {
        Instant at = T0.plus(Duration.ofMinutes(7));

        DrainDecision decision = decider.decide(check(7, at), policy, host(false, draining(1)), at);

        assertThat(decision.actions()).containsExactly(new TagVm(Map.of(HostTags.STAGE, "drained"), java.util.Set.of(),
                "no session left"));
        assertThat(decision.outcome()).isEqualTo(new Drained("no user session left on avd-07"));
    }

    @Test
    void drainModeSwitchedBackOnDuringTheDrainIsSwitchedOffAgain() {
        Instant at = T0.plus(Duration.ofMinutes(2));

        DrainDecision decision = decider.decide(check(2, at), policy, host(true, draining(1), alice), at);

        assertThat(decision.actionsOf(SetDrainMode.class)).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("switched off during the drain"));
    }

    // ---- when to look again ----------------------------------------------------------------------------------

    @Test
    void theNextCheckIsTheNextReminderWhenItComesBeforeThePollInterval() {
        DrainDecision decision = slowPoller.decide(check(0, T0), policy, host(true, Map.of(), alice), T0);

        // provisional: the first notice is not recorded yet, so its reminder is reckoned from now
        Instant firstReminder = T0.plus(GRACE).minus(Duration.ofMinutes(15));
        assertThat(decision.outcome()).isEqualTo(new CheckAgain(firstReminder, "1 session(s) left: reminder 1 due at " + firstReminder));
    }

    @Test
    void theNextCheckIsTheDeadlineOnceNoReminderIsLeft() {
        Instant at = DEADLINE.minus(Duration.ofMinutes(5));

        DrainDecision decision = slowPoller.decide(check(4, at), policy, host(false, draining(2), alice), at);

        assertThat(decision.outcome()).isEqualTo(new CheckAgain(DEADLINE, "1 session(s) left: grace period ends at " + DEADLINE));
        assertThat(lastRecord(decision)).isEqualTo(new RecordNotice(3, false, "record that the reminder 2 of 2 was sent"));
    }

    @Test
    void remindersAtOrBeyondTheGracePeriodAreCoveredByTheFirstMessageAndDuplicatesCountOnce() {
        DrainPolicy odd = new DrainPolicy(GRACE, List.of(Duration.ofMinutes(45), GRACE, Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(10)), "t", "m", "r", true);

        assertThat(DrainDecider.noticeTimes(FIRST, DEADLINE, odd)).containsExactly(FIRST,
                DEADLINE.minus(Duration.ofMinutes(10)), DEADLINE.minus(Duration.ofMinutes(5)));
    }

    // ---- the grace period counts from the recorded first notice -----------------------------------------------

    @Test
    void theGracePeriodCountsFromTheRecordedFirstNoticeNotFromTheDrainStart() {
        Instant slowFirstNotice = T0.plusSeconds(20);
        Map<String, String> tags = new HashMap<>(draining(3));
        tags.put(HostTags.DRAIN_FIRST_NOTICE, slowFirstNotice.toString());
        Instant graceAfterClaim = T0.plus(GRACE);

        DrainDecision decision = decider.decide(check(9, graceAfterClaim), policy, host(false, tags, alice), graceAfterClaim);

        assertThat(decision.actionsOf(LogOff.class)).as("alice was told 20 s after the claim: she keeps those 20 s").isEmpty();
        assertThat(decision.outcome()).isEqualTo(new CheckAgain(slowFirstNotice.plus(GRACE),
                "1 session(s) left: grace period ends at " + slowFirstNotice.plus(GRACE)));
    }

    @Test
    void remindersCountBackFromTheDeadlineOfTheRecordedFirstNotice() {
        Instant slowFirstNotice = T0.plusSeconds(20);
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.DRAIN_FIRST_NOTICE, slowFirstNotice.toString());
        Instant reminderAfterClaim = T0.plus(GRACE).minus(Duration.ofMinutes(15));

        DrainDecision early = decider.decide(check(4, reminderAfterClaim), policy, host(false, tags, alice), reminderAfterClaim);
        Instant reminder = slowFirstNotice.plus(GRACE).minus(Duration.ofMinutes(15));
        DrainDecision due = decider.decide(check(5, reminder), policy, host(false, tags, alice), reminder);

        assertThat(early.actionsOf(SendMessage.class)).isEmpty();
        assertThat(early.outcome()).isEqualTo(new CheckAgain(reminder, "1 session(s) left: reminder 1 due at " + reminder));
        assertThat(due.actionsOf(SendMessage.class)).extracting(SendMessage::body).containsExactly("Reminder: please sign out.");
    }

    @Test
    void aCrashBetweenTheFirstMessageAndItsRecordSendsItAgainAndTheGraceCountsFromTheResend() {
        Instant redelivered = T0.plus(GRACE).plus(Duration.ofMinutes(1));

        DrainDecision decision = decider.decide(check(0, T0), policy, host(false, claimed(), alice, bob), redelivered);

        assertThat(decision.actionsOf(LogOff.class)).as("the drain start is not when anyone was told").isEmpty();
        assertThat(decision.actionsOf(SendMessage.class)).extracting(SendMessage::sessionId, SendMessage::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", "Please sign out."), org.assertj.core.groups.Tuple.tuple("2", "Please sign out."));
        assertThat(decision.actions()).last().isInstanceOfSatisfying(RecordNotice.class, record -> {
            assertThat(record.noticesSent()).isEqualTo(1);
            assertThat(record.firstNotice()).isTrue();
        });
        assertThat(decision.outcome()).isInstanceOf(CheckAgain.class);
    }

    @Test
    void aSentNoticeWithoutAReadableTimeRestartsTheGraceAtNowWithoutMessagingAgain() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.DRAIN_FIRST_NOTICE, "a while ago");
        Instant now = T0.plus(GRACE).plus(Duration.ofMinutes(1));

        DrainDecision decision = slowPoller.decide(check(3, now), policy, host(false, tags, alice), now);

        assertThat(decision.actionsOf(LogOff.class)).isEmpty();
        assertThat(decision.actionsOf(SendMessage.class)).isEmpty();
        assertThat(decision.actionsOf(TagVm.class)).singleElement()
                .satisfies(tag -> assertThat(tag.put()).isEqualTo(Map.of(HostTags.DRAIN_FIRST_NOTICE, now.toString())));
        Instant reminder = now.plus(GRACE).minus(Duration.ofMinutes(15));
        assertThat(decision.outcome()).isEqualTo(new CheckAgain(reminder, "1 session(s) left: reminder 1 due at " + reminder));
    }

    @Test
    void aFirstAdmissionOfAHostWithOnlyDisconnectedSessionsStillRecordsWhenTheGraceBegan() {
        DrainPolicy keep = new DrainPolicy(GRACE, policy.reminderOffsets(), "t", "m", "r", false);

        DrainDecision decision = decider.decide(check(0, T0), keep, host(true, Map.of(), carol), T0);

        assertThat(decision.actionsOf(SendMessage.class)).as("a disconnected user cannot read a message").isEmpty();
        assertThat(decision.actions()).last().isInstanceOfSatisfying(RecordNotice.class,
                record -> assertThat(record.firstNotice()).isTrue());
    }

    // ---- idempotency and ownership ---------------------------------------------------------------------------

    @Test
    void aDuplicateOfCheckZeroAfterTheDrainStartedNeitherMovesTheDeadlineNorMessagesAgain() {
        Instant later = DEADLINE.minus(Duration.ofMinutes(1));
        Map<String, String> tags = draining(3);

        DrainDecision duplicate = decider.decide(check(0, T0), policy, host(false, tags, alice), later);

        assertThat(duplicate.actions()).isEmpty();
        assertThat(duplicate.outcome()).isEqualTo(new CheckAgain(DEADLINE, "1 session(s) left: grace period ends at " + DEADLINE));
    }

    @Test
    void aFollowUpOfARolloutThatNoLongerOwnsTheHostIsIgnored() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.ROLLOUT, "r-2");

        DrainDecision decision = decider.decide(check(4, T0.plusSeconds(60)), policy, host(false, tags, alice), T0.plusSeconds(60));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOf(Ignore.class);
        assertThat(decision.outcome().reason()).contains("rollout r-2 attempt 1");
    }

    @Test
    void aLateFirstAdmissionOfAnOlderRolloutDoesNotTakeTheHostFromANewerOne() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.ROLLOUT, "r-2");
        DrainRequested old = check(0, T0.minusSeconds(3600));

        DrainDecision decision = decider.decide(old, policy, host(false, tags, alice), T0.plusSeconds(60));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOf(Ignore.class);
    }

    @Test
    void aNewRolloutClaimsAHostAnEarlierRolloutFinishedWithAndClearsItsMarkers() {
        Map<String, String> earlier = Map.of(HostTags.ROLLOUT, "r-0", HostTags.ATTEMPT, "1",
                HostTags.DRAIN_STARTED, T0.minus(Duration.ofDays(30)).toString(), HostTags.STAGE, "verified",
                HostTags.ADMIN_DRAINED, "true", HostTags.DRAIN_NOTICES, "3",
                HostTags.DRAIN_FIRST_NOTICE, T0.minus(Duration.ofDays(30)).toString());

        DrainDecision decision = decider.decide(check(0, T0), policy, host(true, earlier, alice), T0);

        TagVm claim = (TagVm) decision.actions().get(0);
        assertThat(claim.put()).containsEntry(HostTags.ROLLOUT, "r-1").containsEntry(HostTags.ADMIN_DRAINED, "false");
        assertThat(claim.remove()).contains(HostTags.STAGE, HostTags.DRAIN_NOTICES, HostTags.DRAIN_FIRST_NOTICE);
        assertThat(decision.actionsOf(SendMessage.class)).hasSize(1);
        assertThat(lastRecord(decision).firstNotice()).isTrue();
    }

    @Test
    void aRetryOfTheSameRolloutKeepsTheRecordedAdminDrainAndStartsAFreshDeadline() {
        Map<String, String> attempt1 = Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1",
                HostTags.DRAIN_STARTED, T0.minus(Duration.ofHours(2)).toString(), HostTags.ADMIN_DRAINED, "false");
        Instant now = T0.plus(Duration.ofHours(1));

        DrainDecision decision = decider.decide(check(0, now, 2), policy, host(false, attempt1, alice), now);

        assertThat(((TagVm) decision.actions().get(0)).put()).containsEntry(HostTags.ATTEMPT, "2")
                .containsEntry(HostTags.ADMIN_DRAINED, "false").containsEntry(HostTags.DRAIN_STARTED, now.toString());
        assertThat(decision.actionsOf(LogOff.class)).isEmpty();
    }

    @Test
    void aDrainRequestOfAnOlderAttemptIsIgnored() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.ATTEMPT, "2");

        DrainDecision decision = decider.decide(check(0, T0), policy, host(false, tags, alice), T0.plusSeconds(5));

        assertThat(decision.outcome()).isInstanceOf(Ignore.class);
        assertThat(decision.outcome().reason()).contains("already in attempt 2");
    }

    @Test
    void aHostAlreadyMarkedDrainedReSendsHostDrainedAndTouchesNothing() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.STAGE, "drained");

        DrainDecision decision = decider.decide(check(0, T0), policy, host(false, tags), T0.plusSeconds(90));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOf(Drained.class);
    }

    @Test
    void aHostPastDrainIsLeftAlone() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.STAGE, "redeployed");

        DrainDecision decision = decider.decide(check(3, T0), policy, host(true, tags, alice), T0.plusSeconds(90));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isEqualTo(new Ignore("host is past drain (stage redeployed)"));
    }

    // ---- the host or its VM is gone --------------------------------------------------------------------------

    @Test
    void aVmDeletedWhileItsSessionHostIsStillRegisteredFailsTheDrainAsDeletedOutsideTheRollout() {
        DrainDecision decision = decider.decide(check(2, T0), policy,
                HostObservation.vmMissing(false, "virtual machine rg/avd-07 does not exist"), T0);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.reason())
                .contains("avd-07 vanished before its drain finished").contains("does not exist")
                .contains("deleted outside the rollout"));
    }

    @Test
    void aHostWhoseVmWasDeletedBeforeItsDrainIsPutInDrainModeSoItsRegistrationTakesNoNewUsers() {
        DrainDecision decision = decider.decide(check(0, T0), policy,
                HostObservation.vmMissing(true, "virtual machine rg/avd-07 does not exist"), T0);

        assertThat(decision.actionsOf(SetDrainMode.class)).hasSize(1);
        assertThat(decision.actions()).hasSize(1);
        assertThat(decision.outcome()).isInstanceOf(Failed.class);
    }

    @Test
    void aLateCheckAfterTheProvisionerRemovedTheHostAndDeletedItsVmCompletesQuietly() {
        HostObservation removed = HostObservation.unregistered(null,
                "session host is no longer registered in host pool rg-avd/hp-prod and virtual machine rg-avd/avd-07 does not exist");

        DrainDecision decision = decider.decide(check(4, T0.plusSeconds(90)), policy, removed, T0.plus(GRACE));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOfSatisfying(Ignore.class,
                ignore -> assertThat(ignore.reason()).startsWith("drain already done for rollout r-1 attempt 1"));
    }

    @Test
    void aLateCheckFindingTheDrainedVmAlreadyUnregisteredByTheProvisionerCompletesQuietly() {
        Map<String, String> tags = new HashMap<>(draining(2));
        tags.put(HostTags.STAGE, "drained");

        DrainDecision decision = decider.decide(check(4, T0), policy,
                HostObservation.unregistered(tags, "session host is no longer registered"), T0.plus(GRACE));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOfSatisfying(Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("drain already done").contains("VM marked drained"));
    }

    @Test
    void aLateCheckFindingTheVmRecreatedWithThisRolloutsTagsCompletesQuietlyRegisteredOrNot() {
        Map<String, String> recreated = Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1", HostTags.IMAGE, IMAGE,
                HostTags.STAGE, "redeploying");
        Map<String, String> registeredAgain = Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1", HostTags.IMAGE, IMAGE,
                HostTags.STAGE, "redeployed");

        DrainDecision notYetRegistered = decider.decide(check(4, T0), policy,
                HostObservation.unregistered(recreated, "session host is no longer registered"), T0.plus(GRACE));
        DrainDecision registered = decider.decide(check(4, T0), policy, host(true, registeredAgain), T0.plus(GRACE));

        assertThat(notYetRegistered.actions()).isEmpty();
        assertThat(notYetRegistered.outcome()).isInstanceOfSatisfying(Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("drain already done").contains("VM marked redeploying"));
        assertThat(registered.actions()).as("the new host is not drained by a late check of the old one").isEmpty();
        assertThat(registered.outcome()).isEqualTo(new Ignore("host is past drain (stage redeployed)"));
    }

    @Test
    void aHostRemovedFromThePoolBeforeItsDrainFinishedFailsTheDrain() {
        DrainDecision decision = decider.decide(check(3, T0), policy,
                HostObservation.unregistered(draining(1), "session host is no longer registered in host pool rg-avd/hp-prod"),
                T0.plusSeconds(90));

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.outcome()).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.reason())
                .contains("vanished before its drain finished").contains("no longer registered")
                .contains("not marked drained for rollout r-1 attempt 1"));
    }

    @Test
    void aLateCheckOfAnotherRolloutForAnUnregisteredHostIsIgnoredAsStale() {
        Map<String, String> tags = new HashMap<>(draining(1));
        tags.put(HostTags.ROLLOUT, "r-2");

        DrainDecision decision = decider.decide(check(3, T0), policy,
                HostObservation.unregistered(tags, "session host is no longer registered"), T0.plusSeconds(90));

        assertThat(decision.outcome()).isInstanceOfSatisfying(Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("rollout r-2 attempt 1"));
    }

    @Test
    void unreadableMarkersCountAsAbsentSoTheHostIsClaimedAfresh() {
        Map<String, String> garbled = Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "one", HostTags.DRAIN_STARTED, "yesterday");

        DrainDecision decision = decider.decide(check(0, T0), policy, host(true, garbled, alice), T0);

        assertThat(((TagVm) decision.actions().get(0)).put()).containsEntry(HostTags.DRAIN_STARTED, T0.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static DrainRequested check(int check, Instant occurredAt) {
        return check(check, occurredAt, 1);
    }

    private static DrainRequested check(int check, Instant occurredAt, int attempt) {
        return new DrainRequested("r-1", SUBSCRIPTION, "rg-avd", "hp-prod", "avd-07", attempt, IMAGE, GRACE, check,
                T0, occurredAt);
    }

    /** The markers of rollout r-1 attempt 1 draining since T0, with {@code notices} (at least 1) notices sent, the first at FIRST. */
    private static Map<String, String> draining(int notices) {
        Map<String, String> tags = new HashMap<>(claimed());
        tags.put(HostTags.DRAIN_NOTICES, String.valueOf(notices));
        tags.put(HostTags.DRAIN_FIRST_NOTICE, FIRST.toString());
        return tags;
    }

    /** The markers of rollout r-1 attempt 1 claimed at T0, before any notice was recorded. */
    private static Map<String, String> claimed() {
        return Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1", HostTags.DRAIN_STARTED, T0.toString(),
                HostTags.ADMIN_DRAINED, "false", EXCLUSION, "r-1");
    }

    private static HostObservation host(boolean allowNewSession, Map<String, String> tags, ObservedSession... sessions) {
        return HostObservation.present(allowNewSession, tags, List.of(sessions));
    }

    private static RecordNotice lastRecord(DrainDecision decision) {
        List<RecordNotice> records = decision.actionsOf(RecordNotice.class);
        return records.get(records.size() - 1);
    }

    private static TagVm lastTag(DrainDecision decision) {
        List<TagVm> tags = decision.actionsOf(TagVm.class);
        return tags.get(tags.size() - 1);
    }
}
