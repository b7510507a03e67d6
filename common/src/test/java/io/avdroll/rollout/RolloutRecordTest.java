package io.avdroll.rollout;

import static io.avdroll.rollout.Pools.TARGET;
import static io.avdroll.rollout.Pools.hibernatedDr;
import static io.avdroll.rollout.Pools.pool;
import static io.avdroll.rollout.Pools.servingHosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutRecordTest {
    private static final Instant T0 = Instant.parse("2025-05-01T22:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);

    private static RolloutRecord started() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(3, 2));
        hosts.add(hibernatedDr("dr-1", "1.0.0"));
        return RolloutRecord.start("r-1", pool(hosts), TARGET, T0);
    }

    private static RolloutRecord admitted(String host) {
        return started().admit(host, null, "test", T0).orThrow();
    }

    @Test
    void aNewRolloutHasEveryHostPendingAndIsRunning() {
        RolloutRecord record = started();
        assertThat(record.state()).isEqualTo(RolloutState.RUNNING);
        assertThat(record.hosts()).hasSize(4);
        assertThat(record.count(HostStage.PENDING)).isEqualTo(4);
        assertThat(record.host("dr-1").orElseThrow().hostClass()).isEqualTo(io.avdroll.pool.HostClass.DR);
    }

    @Test
    void admittingAHostStartsItsFirstAttemptAndLeavesTheOriginalUntouched() {
        RolloutRecord before = started();
        TransitionResult result = before.admit("host-1", null, "admit host-1", T1);
        assertThat(result.applied()).isTrue();
        assertThat(result.record().host("host-1").orElseThrow())
                .extracting(HostProgress::stage, HostProgress::attempt, HostProgress::admittedAt)
                .containsExactly(HostStage.DRAINING, 1, T1);
        assertThat(result.record().admissions()).isEqualTo(1);
        assertThat(before.host("host-1").orElseThrow().stage()).isEqualTo(HostStage.PENDING);
    }

    @Test
    void aHostWalksTheWholeMainPath() {
        RolloutRecord record = admitted("host-1");
        for (HostStage stage : List.of(HostStage.DRAINED, HostStage.REDEPLOYING, HostStage.REDEPLOYED,
                HostStage.VERIFYING, HostStage.VERIFIED)) {
            record = record.advanceHost("host-1", stage, 1, "event", T1).orThrow();
        }
        HostProgress host = record.host("host-1").orElseThrow();
        assertThat(host.stage()).isEqualTo(HostStage.VERIFIED);
        assertThat(host.finishedAt()).isEqualTo(T1);
    }

    @Test
    void aRedeliveredVerifiedEventIsADuplicateAndChangesNothing() {
        RolloutRecord verified = admitted("host-1").advanceHost("host-1", HostStage.VERIFIED, 1, "ok", T1).orThrow();
        TransitionResult again = verified.advanceHost("host-1", HostStage.VERIFIED, 1, "ok", T1.plusSeconds(5));
        assertThat(again.outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
        assertThat(again.record()).isSameAs(verified);
    }

    @Test
    void aLateDrainedEventAfterVerificationIsStaleNotIllegal() {
        RolloutRecord verified = admitted("host-1").advanceHost("host-1", HostStage.VERIFIED, 1, "ok", T1).orThrow();
        TransitionResult late = verified.advanceHost("host-1", HostStage.DRAINED, 1, "late", T1);
        assertThat(late.outcome()).isEqualTo(TransitionOutcome.STALE);
        assertThat(late.outcome().noOp()).isTrue();
        assertThat(late.record()).isSameAs(verified);
    }

    @Test
    void aVerifiedEventForAHostNeverAdmittedIsRejectedWithAReason() {
        RolloutRecord record = started();
        TransitionResult result = record.advanceHost("host-2", HostStage.VERIFIED, 0, "?", T1);
        assertThat(result.rejected()).isTrue();
        assertThat(result.reason()).contains("host-2").contains("PENDING").contains("VERIFIED");
        assertThat(result.record()).isSameAs(record);
        assertThatThrownBy(result::orThrow).isInstanceOf(IllegalStateException.class).hasMessageContaining("host-2");
    }

    @Test
    void anEventForAHostOutsideTheRolloutIsRejected() {
        assertThat(started().advanceHost("stranger", HostStage.VERIFIED, 1, "?", T1).reason()).contains("not part of rollout r-1");
    }

    @Test
    void aFailureIsCountedAndRemembersTheStageItFailedIn() {
        RolloutRecord record = admitted("host-1").advanceHost("host-1", HostStage.REDEPLOYING, 1, "", T1).orThrow()
                .advanceHost("host-1", HostStage.FAILED, 1, "AllocationFailed", T1).orThrow();
        HostProgress host = record.host("host-1").orElseThrow();
        assertThat(host.failedIn()).isEqualTo(HostStage.REDEPLOYING);
        assertThat(host.lastReason()).isEqualTo("AllocationFailed");
        assertThat(record.failureCount()).isEqualTo(1);
    }

    @Test
    void aVerifiedEventAfterTheHostFailedIsRejectedButALateDrainedOneIsStale() {
        RolloutRecord failed = admitted("host-1").advanceHost("host-1", HostStage.REDEPLOYING, 1, "", T1).orThrow()
                .advanceHost("host-1", HostStage.FAILED, 1, "boom", T1).orThrow();
        assertThat(failed.advanceHost("host-1", HostStage.VERIFIED, 1, "", T1).outcome()).isEqualTo(TransitionOutcome.REJECTED);
        assertThat(failed.advanceHost("host-1", HostStage.DRAINED, 1, "", T1).outcome()).isEqualTo(TransitionOutcome.STALE);
    }

    @Test
    void retryingAFailedHostStartsASecondAttemptAndEventsOfTheFirstBecomeStale() {
        RolloutRecord record = admitted("host-1").advanceHost("host-1", HostStage.FAILED, 1, "boom", T1).orThrow()
                .retryFailed(T1).orThrow();
        assertThat(record.host("host-1").orElseThrow().stage()).isEqualTo(HostStage.PENDING);
        record = record.admit("host-1", null, "again", T1).orThrow();
        assertThat(record.host("host-1").orElseThrow().attempt()).isEqualTo(2);
        TransitionResult oldFailure = record.advanceHost("host-1", HostStage.FAILED, 1, "redelivered", T1);
        assertThat(oldFailure.outcome()).isEqualTo(TransitionOutcome.STALE);
        assertThat(record.advanceHost("host-1", HostStage.FAILED, 3, "future", T1).outcome()).isEqualTo(TransitionOutcome.REJECTED);
        assertThat(record.failureCount()).isEqualTo(1);
    }

    @Test
    void retryingWhenNothingFailedIsADuplicate() {
        assertThat(started().retryFailed(T1).outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
    }

    @Test
    void admittingAnAlreadyAdmittedHostIsADuplicateAndAVerifiedOneIsRejected() {
        RolloutRecord record = admitted("host-1");
        assertThat(record.admit("host-1", null, "", T1).outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
        RolloutRecord verified = record.advanceHost("host-1", HostStage.VERIFIED, 1, "", T1).orThrow();
        assertThat(verified.admit("host-1", null, "", T1).outcome()).isEqualTo(TransitionOutcome.REJECTED);
    }

    @Test
    void noHostIsAdmittedWhileTheRolloutIsPaused() {
        RolloutRecord paused = started().pause("operator", T1).orThrow();
        assertThat(paused.admit("host-1", null, "", T1).outcome()).isEqualTo(TransitionOutcome.REJECTED);
    }

    @ParameterizedTest(name = "{0} then {1} is {2}")
    @CsvSource(textBlock = """
        RUNNING,   PAUSED,    APPLIED
        RUNNING,   CANCELLED, APPLIED
        RUNNING,   COMPLETED, APPLIED
        PAUSED,    RUNNING,   APPLIED
        PAUSED,    CANCELLED, APPLIED
        PAUSED,    PAUSED,    DUPLICATE
        RUNNING,   RUNNING,   DUPLICATE
        CANCELLED, CANCELLED, DUPLICATE
        COMPLETED, COMPLETED, DUPLICATE
        PAUSED,    COMPLETED, REJECTED
        CANCELLED, RUNNING,   REJECTED
        CANCELLED, PAUSED,    REJECTED
        COMPLETED, RUNNING,   REJECTED
        COMPLETED, CANCELLED, REJECTED
        """)
    void rolloutStateTransitionsFollowTheirTable(RolloutState from, RolloutState to, TransitionOutcome expected) {
        RolloutRecord record = inState(from);
        TransitionResult result = switch (to) {
            case RUNNING -> record.resume(T1);
            case PAUSED -> record.pause("operator", T1);
            case CANCELLED -> record.cancel("operator", T1);
            case COMPLETED -> record.complete("done", T1);
        };
        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.record().state()).isEqualTo(expected == TransitionOutcome.APPLIED ? to : from);
    }

    private static RolloutRecord inState(RolloutState state) {
        RolloutRecord done = RolloutRecord.start("r-1", pool(servingHosts(1, 0)), TARGET, T0)
                .skip("host-1", "on target", T0).orThrow();
        return switch (state) {
            case RUNNING -> done;
            case PAUSED -> done.pause("operator", T0).orThrow();
            case CANCELLED -> done.cancel("operator", T0).orThrow();
            case COMPLETED -> done.complete("done", T0).orThrow();
        };
    }

    @Test
    void aRolloutWithPendingHostsCannotComplete() {
        TransitionResult result = started().complete("too early", T1);
        assertThat(result.rejected()).isTrue();
        assertThat(result.reason()).contains("4 host(s) pending");
    }

    @Test
    void thePauseReasonIsKept() {
        RolloutRecord paused = started().pause("failure budget exceeded", T1).orThrow();
        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.stateReason()).isEqualTo("failure budget exceeded");
        assertThat(paused.stateChangedAt()).isEqualTo(T1);
    }

    @Test
    void aSurgeHostThatIsAdmittedStopsBeingASurgeHost() {
        RolloutRecord record = started().surgeResumed("dr-1", PowerState.HIBERNATED, T1).orThrow();
        assertThat(record.surgeHosts()).containsEntry("dr-1", PowerState.HIBERNATED);
        assertThat(record.surgeResumed("dr-1", PowerState.HIBERNATED, T1).outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
        RolloutRecord admitted = record.admit("dr-1", PowerState.HIBERNATED, "", T1).orThrow();
        assertThat(admitted.surgeHosts()).isEmpty();
        assertThat(admitted.host("dr-1").orElseThrow().returnPowerState()).isEqualTo(PowerState.HIBERNATED);
    }

    @Test
    void aRecordSurvivesAJsonRoundTripThroughAPlainObjectMapper() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        RolloutRecord record = started()
                .admit("host-1", null, "admit host-1", T0).orThrow()
                .advanceHost("host-1", HostStage.FAILED, 1, "AllocationFailed", T1).orThrow()
                .admit("host-2", null, "admit host-2", T1).orThrow()
                .advanceHost("host-2", HostStage.VERIFIED, 1, "ok", T1).orThrow()
                .skip("host-3", "on target", T1).orThrow()
                .surgeResumed("dr-1", PowerState.HIBERNATED, T1).orThrow()
                .pause("failure budget exceeded", T1).orThrow();

        String json = mapper.writeValueAsString(record);
        RolloutRecord back = mapper.readValue(json, RolloutRecord.class);

        assertThat(back).isEqualTo(record);
        assertThat(json).contains("\"2025-05-01T22:10:00Z\"").contains("\"failedIn\":\"DRAINING\"");
        assertThat(back.advanceHost("host-2", HostStage.VERIFIED, 1, "again", T1).outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
    }

    @Test
    void aSpecSurvivesAJsonRoundTripToo() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        RolloutSpec spec = RolloutSpec.builder(TARGET).maxUnavailable("25%").minAvailableHosts(3).minSessionSlots(40)
                .canary(new CanaryPolicy(2, true)).failureBudget("10%").drAsSurge(true)
                .maintenanceWindow(MaintenanceWindow.daily("22:00", "04:00", "Europe/Berlin")).build();
        assertThat(mapper.readValue(mapper.writeValueAsString(spec), RolloutSpec.class)).isEqualTo(spec);
    }
}
