package io.avdroll.verify;

import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostRedeployed;
import io.avdroll.markers.HostTags;
import io.avdroll.verify.VerifyAction.AllowNewSessions;
import io.avdroll.verify.VerifyAction.Deallocate;
import io.avdroll.verify.VerifyAction.Hibernate;
import io.avdroll.verify.VerifyAction.KeepDrained;
import io.avdroll.verify.VerifyAction.UpdateTags;
import io.avdroll.verify.VerifyDecision.CheckAgain;
import io.avdroll.verify.VerifyDecision.Fail;
import io.avdroll.verify.VerifyDecision.Ignore;
import io.avdroll.verify.VerifyDecision.ReturnToService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.avdroll.verify.Hosts.POLICY;
import static io.avdroll.verify.Hosts.REDEPLOYED;
import static io.avdroll.verify.Hosts.check;
import static io.avdroll.verify.Hosts.redeployed;
import static io.avdroll.verify.Hosts.seen;
import static io.avdroll.verify.Hosts.sessionHost;
import static io.avdroll.verify.Hosts.vm;
import static org.assertj.core.api.Assertions.assertThat;

class VerifyDeciderTest {

    private static final String EXCLUSION = HostTags.DEFAULT_SCALING_EXCLUSION;
    private final VerifyDecider decider = new VerifyDecider();

    private static Instant minutesAfterRedeploy(long minutes) {
        return REDEPLOYED.plus(Duration.ofMinutes(minutes));
    }

    private VerifyDecision decide(HostRedeployed event, HostObservation seen, long minutesAfterRedeploy) {
        return decider.decide(event, seen, POLICY, minutesAfterRedeploy(minutesAfterRedeploy));
    }

    // --- waiting for the host ---

    @Test
    void aHostNotRegisteredYetIsLookedAtAgainAfterThePollIntervalWithoutABakeStarted() {
        VerifyDecision decision = decide(redeployed(), seen(null, vm()), 3);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> {
            assertThat(again.at()).isEqualTo(minutesAfterRedeploy(4));
            assertThat(again.followUp().check()).isEqualTo(1);
            assertThat(again.followUp().healthySince()).isNull();
            assertThat(again.followUp().occurredAt()).isEqualTo(minutesAfterRedeploy(3));
            assertThat(again.followUp().stageStartedAt()).isEqualTo(REDEPLOYED);
            assertThat(again.reason()).contains("not registered in host pool hp");
        });
    }

    @Test
    void aRegisteredHostThatIsStillUnavailableIsLookedAtAgain() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost().status("Unavailable"), vm()), 5);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> {
            assertThat(again.followUp().healthySince()).isNull();
            assertThat(again.reason()).contains("status is Unavailable, not Available");
        });
    }

    @Test
    void aHostWhoseAgentIsStillUpgradingIsWaitedForNotFailed() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost().status("Upgrading"), vm()), 30);

        assertThat(decision).isInstanceOf(CheckAgain.class);
    }

    @Test
    void aHostThatTurnsAvailableStartsItsBakeAtThatLook() {
        HostRedeployed secondLook = redeployed().nextCheck(minutesAfterRedeploy(4));

        VerifyDecision decision = decide(secondLook, seen(sessionHost(), vm()), 5);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> {
            assertThat(again.followUp().healthySince()).isEqualTo(minutesAfterRedeploy(5));
            assertThat(again.followUp().check()).isEqualTo(2);
            assertThat(again.at()).isEqualTo(minutesAfterRedeploy(6));
            assertThat(again.reason()).contains("bake of PT10M ends at " + minutesAfterRedeploy(15));
        });
    }

    @Test
    void aHealthyHostInTheMiddleOfItsBakeKeepsTheTimeItWasFirstSeenHealthy() {
        HostRedeployed baking = redeployed().nextCheck(minutesAfterRedeploy(9)).withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baking, seen(sessionHost(), vm()), 10);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.followUp().healthySince()).isEqualTo(minutesAfterRedeploy(5)));
    }

    @Test
    void theLastLookOfABakeIsScheduledExactlyWhenTheBakeEnds() {
        HostRedeployed baking = redeployed().withHealthySince(minutesAfterRedeploy(5));
        Instant now = minutesAfterRedeploy(14).plusSeconds(30);

        VerifyDecision decision = decider.decide(baking, seen(sessionHost(), vm()), POLICY, now);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.at()).isEqualTo(minutesAfterRedeploy(15)));
    }

    @Test
    void aHostThatTurnsUnavailableDuringItsBakeStartsTheBakeAgain() {
        HostRedeployed baking = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baking, seen(sessionHost().status("Unavailable"), vm()), 12);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> {
            assertThat(again.followUp().healthySince()).isNull();
            assertThat(again.reason()).contains("the bake starts again");
        });
    }

    @Test
    void aFailingHealthCheckInterruptsTheBakeEvenThoughTheHostSaysAvailable() {
        HostRedeployed baking = redeployed().withHealthySince(minutesAfterRedeploy(5));
        HostObservation seen = seen(sessionHost().checks(check("DomainJoinedCheck", "HealthCheckSucceeded"),
                check("FSLogixHealthCheck", "HealthCheckFailed")), vm());

        VerifyDecision decision = decide(baking, seen, 12);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> {
            assertThat(again.followUp().healthySince()).isNull();
            assertThat(again.reason()).contains("FSLogixHealthCheck HealthCheckFailed");
        });
    }

    @Test
    void aHealthCheckWhoseResultIsUnknownDoesNotHoldTheHostBack() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));
        HostObservation seen = seen(sessionHost().checks(check("MetaDataServiceCheck", "Unknown")), vm());

        assertThat(decide(baked, seen, 15)).isInstanceOf(ReturnToService.class);
    }

    @Test
    void aHostWhoseVmIsStoppedIsNotHealthyWhateverItsLastStatus() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost(), vm().power(PowerState.STOPPED)), 5);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.reason()).contains("VM is stopped, not running"));
    }

    @Test
    void aNewRegistrationThatAcceptsSessionsIsDrainedAsItsBakeStarts() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost().allowingNewSessions(), vm()), 5);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> {
            assertThat(again.actions()).singleElement().isInstanceOf(KeepDrained.class);
            assertThat(again.followUp().healthySince()).isEqualTo(minutesAfterRedeploy(5));
        });
    }

    @Test
    void aNewRegistrationThatIsNotAvailableYetIsDrainedWhileItIsWaitedFor() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost().status("Unavailable").allowingNewSessions(), vm()), 2);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.actions()).singleElement().isInstanceOf(KeepDrained.class));
    }

    @Test
    void aDrainedHostThatIsWaitedForNeedsNoAction() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost().status("Unavailable"), vm()), 2);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class, again -> assertThat(again.actions()).isEmpty());
    }

    // --- the bake completes ---

    @Test
    void aHostHealthyForTheWholeBakeIsReturnedToServiceAndVerified() {
        HostRedeployed baked = redeployed().nextCheck(minutesAfterRedeploy(14)).withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm()), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> {
            assertThat(back.actions()).hasSize(2);
            assertThat(back.actions().get(0)).isInstanceOf(AllowNewSessions.class);
            assertThat(back.actions().get(1)).isEqualTo(new UpdateTags(Map.of(HostTags.STAGE, "verified"),
                    Set.of(EXCLUSION), ((UpdateTags) back.actions().get(1)).reason()));
            assertThat(back.verified().imageVersionId()).isEqualTo(Hosts.TARGET);
            assertThat(back.verified().occurredAt()).isEqualTo(minutesAfterRedeploy(15));
            assertThat(back.verified().messageId()).isEqualTo("hp/r-1/avd-07/verified");
        });
    }

    @Test
    void theBakeTimeTheEventCarriesWinsOverTheConfiguredOne() {
        HostRedeployed event = new HostRedeployed("r-1", Hosts.SUB, "rg-avd", "hp", "avd-07", 1, Hosts.TARGET, null,
                Duration.ofMinutes(30), 3, REDEPLOYED, minutesAfterRedeploy(5), minutesAfterRedeploy(20));

        assertThat(decide(event, seen(sessionHost(), vm()), 20)).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.followUp().bakeTime()).isEqualTo(Duration.ofMinutes(30)));
        assertThat(decide(event, seen(sessionHost(), vm()), 35)).isInstanceOf(ReturnToService.class);
    }

    @Test
    void aZeroBakeTimeReturnsTheHostAtTheFirstHealthyLook() {
        HostRedeployed event = new HostRedeployed("r-1", Hosts.SUB, "rg-avd", "hp", "avd-07", 1, Hosts.TARGET, null,
                Duration.ZERO, 0, REDEPLOYED, null, REDEPLOYED);

        assertThat(decide(event, seen(sessionHost(), vm()), 4)).isInstanceOf(ReturnToService.class);
    }

    @Test
    void aHostAnAdministratorHadDrainedBeforeTheRolloutStaysDrained() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().tag(HostTags.ADMIN_DRAINED, "true")), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> {
            assertThat(back.actions()).noneMatch(AllowNewSessions.class::isInstance);
            assertThat(back.actions()).singleElement().isInstanceOfSatisfying(UpdateTags.class,
                    tags -> assertThat(tags.remove()).containsExactly(EXCLUSION));
            assertThat(back.reason()).contains("stays drained because an administrator had drained it");
        });
    }

    @Test
    void anAdminDrainedHostWhoseNewRegistrationAcceptsSessionsIsDrainedAgainWhenItIsVerified() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost().allowingNewSessions(), vm().tag(HostTags.ADMIN_DRAINED, "true")), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions())
                .extracting(a -> a.getClass().getSimpleName()).containsExactly("KeepDrained", "UpdateTags"));
    }

    @Test
    void aHostAlreadyAcceptingSessionsAtTheEndOfItsBakeIsNotAskedToAgain() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost().allowingNewSessions(), vm()), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class,
                back -> assertThat(back.actions()).noneMatch(AllowNewSessions.class::isInstance));
    }

    @Test
    void aHostWithoutTheExclusionTagHasNothingToRemove() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().untag(EXCLUSION)), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions())
                .filteredOn(UpdateTags.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((UpdateTags) a).remove()).isEmpty()));
    }

    @Test
    void aDrHostThatWasHibernatedIsHibernatedAgainAfterItIsMarkedVerified() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().dr("hibernated", true)), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> {
            assertThat(back.actions()).extracting(a -> a.getClass().getSimpleName())
                    .containsExactly("AllowNewSessions", "UpdateTags", "Hibernate", "UpdateTags");
            assertThat(((UpdateTags) back.actions().get(1)).remove()).containsExactly(EXCLUSION);
            assertThat(((UpdateTags) back.actions().get(3)).remove()).containsExactly(HostTags.POWER_BEFORE);
        });
    }

    @Test
    void aDrHostThatWasDeallocatedIsDeallocatedAgain() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().dr("deallocated", true)), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions())
                .extracting(a -> a.getClass().getSimpleName())
                .containsExactly("AllowNewSessions", "UpdateTags", "Deallocate", "UpdateTags"));
    }

    @Test
    void aDrHostThatWasHibernatedButWhoseNewVmCannotHibernateIsDeallocatedInstead() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().dr("hibernated", false)), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions())
                .filteredOn(Deallocate.class::isInstance).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("no hibernation enabled")));
    }

    @Test
    void aDrHostThatWasRunningIsLeftRunningAndItsMarkerGoesWithTheVerifiedTag() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().dr("running", true)), 15);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> {
            assertThat(back.actions()).noneMatch(a -> a instanceof Hibernate || a instanceof Deallocate);
            assertThat(back.actions()).filteredOn(UpdateTags.class::isInstance).singleElement()
                    .satisfies(a -> assertThat(((UpdateTags) a).remove()).containsExactlyInAnyOrder(EXCLUSION, HostTags.POWER_BEFORE));
        });
    }

    // --- failures ---

    @Test
    void aHostOnAnotherImageFailsAtOnceAndIsLeftDrained() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost(), vm().image(Hosts.OLD).tag(HostTags.IMAGE, Hosts.OLD)), 3);

        assertThat(decision).isInstanceOfSatisfying(Fail.class, fail -> {
            assertThat(fail.failed().stage()).isEqualTo(FailedStage.VERIFY);
            assertThat(fail.failed().reason()).contains("not on the target image").contains(Hosts.OLD);
            assertThat(fail.failed().messageId()).isEqualTo("hp/r-1/avd-07/failed");
            assertThat(fail.reason()).contains("stays drained");
            assertThat(fail.actions()).isEmpty();
        });
    }

    @Test
    void aFailedHostWhoseNewRegistrationAcceptedSessionsIsLeftDrained() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost().status("Unavailable").allowingNewSessions(), vm()), 45);

        assertThat(decision).isInstanceOfSatisfying(Fail.class, fail -> assertThat(fail.actions())
                .singleElement().isInstanceOf(KeepDrained.class));
    }

    @Test
    void aVmThatFollowsTheImageDefinitionPassesWhenItsImageTagNamesTheTargetVersion() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        VerifyDecision decision = decide(baked, seen(sessionHost(), vm().image(Hosts.IMAGE_DEFINITION).tag(HostTags.IMAGE, "2.0.0")), 15);

        assertThat(decision).isInstanceOf(ReturnToService.class);
    }

    @Test
    void aVmThatFollowsTheImageDefinitionWithoutAVersionTagFails() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost(), vm().image(Hosts.IMAGE_DEFINITION).untag(HostTags.IMAGE)), 3);

        assertThat(decision).isInstanceOfSatisfying(Fail.class,
                fail -> assertThat(fail.failed().reason()).contains("does not say it got version 2.0.0"));
    }

    @Test
    void aVmWithoutAGalleryImageReferenceFailsUnlessItsImageTagNamesTheTarget() {
        HostRedeployed baked = redeployed().withHealthySince(minutesAfterRedeploy(5));

        assertThat(decide(baked, seen(sessionHost(), vm().image(null)), 15)).isInstanceOf(ReturnToService.class);
        assertThat(decide(baked, seen(sessionHost(), vm().image(null).tag(HostTags.IMAGE, Hosts.OLD)), 15))
                .isInstanceOf(Fail.class);
    }

    @Test
    void aHostThatNeverTurnsAvailableFailsAtTheRegistrationTimeout() {
        VerifyDecision decision = decide(redeployed().nextCheck(minutesAfterRedeploy(44)),
                seen(sessionHost().status("Unavailable"), vm()), 45);

        assertThat(decision).isInstanceOfSatisfying(Fail.class, fail -> assertThat(fail.failed().reason())
                .contains("not healthy within PT45M").contains("status is Unavailable"));
    }

    @Test
    void aHostThatNeverRegistersFailsAtTheTimeoutSayingSo() {
        VerifyDecision decision = decide(redeployed(), seen(null, vm()), 46);

        assertThat(decision).isInstanceOfSatisfying(Fail.class,
                fail -> assertThat(fail.failed().reason()).contains("not registered in host pool hp"));
    }

    @Test
    void theLastLookBeforeTheTimeoutIsScheduledAtTheTimeoutItself() {
        Instant now = minutesAfterRedeploy(44).plusSeconds(20);

        VerifyDecision decision = decider.decide(redeployed(), seen(null, vm()), POLICY, now);

        assertThat(decision).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.at()).isEqualTo(minutesAfterRedeploy(45)));
    }

    @Test
    void aBakeThatBeganBeforeTheTimeoutMayFinishAfterIt() {
        HostRedeployed baking = redeployed().withHealthySince(minutesAfterRedeploy(40));

        assertThat(decide(baking, seen(sessionHost(), vm()), 47)).isInstanceOf(CheckAgain.class);
        assertThat(decide(baking, seen(sessionHost(), vm()), 50)).isInstanceOf(ReturnToService.class);
    }

    @Test
    void aBakeInterruptedAfterTheTimeoutFails() {
        HostRedeployed baking = redeployed().withHealthySince(minutesAfterRedeploy(40));

        VerifyDecision decision = decide(baking, seen(sessionHost().status("NoHeartbeat"), vm()), 47);

        assertThat(decision).isInstanceOfSatisfying(Fail.class, fail -> assertThat(fail.failed().reason())
                .contains("status is NoHeartbeat").contains("healthy from " + minutesAfterRedeploy(40)));
    }

    @Test
    void aRegisteredHostWhoseVmIsGoneFailsAtOnce() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost(), null), 3);

        assertThat(decision).isInstanceOfSatisfying(Fail.class,
                fail -> assertThat(fail.failed().reason()).contains("VM rg-avd/avd-07 is gone"));
    }

    @Test
    void aVmNotFoundUnderItsGuessedNameIsWaitedForUntilTheTimeout() {
        HostObservation guessed = new HostObservation(Optional.empty(), new VmLocation(new VmRef("rg-avd", "avd-07"), false),
                Optional.empty());

        assertThat(decide(redeployed(), guessed, 3)).isInstanceOfSatisfying(CheckAgain.class,
                again -> assertThat(again.reason()).contains("not found as rg-avd/avd-07"));
        assertThat(decide(redeployed(), guessed, 45)).isInstanceOf(Fail.class);
    }

    // --- idempotency and ownership ---

    @Test
    void aDeliveryAfterTheHostWasVerifiedChangesNothingAndRepublishesTheSameMessageId() {
        HostRedeployed late = redeployed().nextCheck(minutesAfterRedeploy(15)).withHealthySince(minutesAfterRedeploy(5));
        HostObservation verified = seen(sessionHost().allowingNewSessions(), vm().tag(HostTags.STAGE, "verified").untag(EXCLUSION));

        VerifyDecision decision = decide(late, verified, 16);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> {
            assertThat(back.actions()).isEmpty();
            assertThat(back.verified().messageId()).isEqualTo("hp/r-1/avd-07/verified");
            assertThat(back.reason()).contains("already verified");
        });
    }

    @Test
    void aVerifiedHostAnAdministratorDrainedSinceIsNotReopenedByALateDelivery() {
        HostObservation verifiedThenDrained = seen(sessionHost(), vm().tag(HostTags.STAGE, "verified").untag(EXCLUSION));

        VerifyDecision decision = decide(redeployed(), verifiedThenDrained, 30);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions()).isEmpty());
    }

    @Test
    void aDeliveryAfterACrashBetweenVerifiedAndHibernateFinishesTheReturnToHibernation() {
        HostObservation halfway = seen(sessionHost().allowingNewSessions(),
                vm().tag(HostTags.STAGE, "verified").untag(EXCLUSION).dr("hibernated", true));

        VerifyDecision decision = decide(redeployed(), halfway, 16);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions())
                .extracting(a -> a.getClass().getSimpleName()).containsExactly("Hibernate", "UpdateTags"));
    }

    @Test
    void aDeliveryAfterACrashBetweenHibernateAndItsMarkerOnlyRemovesTheMarker() {
        HostObservation asleep = seen(sessionHost().status("Shutdown").allowingNewSessions(),
                vm().tag(HostTags.STAGE, "verified").untag(EXCLUSION).dr("hibernated", true).power(PowerState.HIBERNATED));

        VerifyDecision decision = decide(redeployed(), asleep, 16);

        assertThat(decision).isInstanceOfSatisfying(ReturnToService.class, back -> assertThat(back.actions())
                .singleElement().isInstanceOfSatisfying(UpdateTags.class,
                        tags -> assertThat(tags.remove()).containsExactly(HostTags.POWER_BEFORE)));
    }

    @Test
    void anEventOfARolloutThatNoLongerOwnsTheHostIsIgnored() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost(), vm().tag(HostTags.ROLLOUT, "r-2")), 5);

        assertThat(decision).isInstanceOfSatisfying(Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("belongs to rollout r-2"));
    }

    @Test
    void anEventOfAnEarlierAttemptAtTheHostIsIgnored() {
        VerifyDecision decision = decide(redeployed(), seen(sessionHost(), vm().tag(HostTags.ATTEMPT, "2")), 5);

        assertThat(decision).isInstanceOfSatisfying(Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("attempt 2"));
    }
}
