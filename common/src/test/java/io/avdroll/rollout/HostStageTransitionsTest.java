package io.avdroll.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HostStageTransitionsTest {

    @ParameterizedTest(name = "{0} -> {1} (failed in {2}) is {3}")
    @CsvSource(nullValues = "-", textBlock = """
        PENDING,     DRAINING,    -,           APPLIED
        DRAINING,    DRAINED,     -,           APPLIED
        DRAINED,     REDEPLOYING, -,           APPLIED
        REDEPLOYING, REDEPLOYED,  -,           APPLIED
        REDEPLOYED,  VERIFYING,   -,           APPLIED
        VERIFYING,   VERIFIED,    -,           APPLIED
        DRAINING,    VERIFIED,    -,           APPLIED
        PENDING,     SKIPPED,     -,           APPLIED
        PENDING,     FAILED,      -,           APPLIED
        DRAINING,    FAILED,      -,           APPLIED
        REDEPLOYING, FAILED,      -,           APPLIED
        VERIFYING,   FAILED,      -,           APPLIED
        FAILED,      PENDING,     DRAINING,    APPLIED
        VERIFIED,    VERIFIED,    -,           DUPLICATE
        DRAINING,    DRAINING,    -,           DUPLICATE
        FAILED,      FAILED,      VERIFYING,   DUPLICATE
        VERIFIED,    DRAINED,     -,           STALE
        REDEPLOYING, DRAINED,     -,           STALE
        VERIFYING,   REDEPLOYED,  -,           STALE
        FAILED,      DRAINED,     REDEPLOYING, STALE
        FAILED,      REDEPLOYING, REDEPLOYING, STALE
        FAILED,      VERIFIED,    REDEPLOYING, REJECTED
        VERIFIED,    FAILED,      -,           REJECTED
        PENDING,     VERIFIED,    -,           REJECTED
        PENDING,     DRAINED,     -,           REJECTED
        DRAINING,    PENDING,     -,           REJECTED
        SKIPPED,     DRAINING,    -,           REJECTED
        SKIPPED,     FAILED,      -,           REJECTED
        VERIFIED,    PENDING,     -,           REJECTED
        DRAINING,    SKIPPED,     -,           REJECTED
        """)
    void theTableClassifiesEachMove(HostStage from, HostStage to, HostStage failedIn, TransitionOutcome expected) {
        assertThat(HostStageTransitions.classify(from, to, failedIn)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} can fail")
    @EnumSource(value = HostStage.class, names = {"PENDING", "DRAINING", "DRAINED", "REDEPLOYING", "REDEPLOYED", "VERIFYING"})
    void everyNonTerminalStageCanFail(HostStage stage) {
        assertThat(HostStageTransitions.legalNext(stage)).contains(HostStage.FAILED);
    }

    @Test
    void verifiedAndSkippedAreTerminal() {
        assertThat(HostStageTransitions.legalNext(HostStage.VERIFIED)).isEmpty();
        assertThat(HostStageTransitions.legalNext(HostStage.SKIPPED)).isEmpty();
    }

    @Test
    void aFailedHostCanOnlyGoBackToPending() {
        assertThat(HostStageTransitions.legalNext(HostStage.FAILED)).containsExactly(HostStage.PENDING);
    }

    @Test
    void noStageOnTheMainPathLeadsBackwards() {
        for (HostStage from : HostStageTransitions.MAIN_PATH) {
            for (HostStage to : HostStageTransitions.legalNext(from)) {
                int toIndex = HostStageTransitions.MAIN_PATH.indexOf(to);
                if (toIndex >= 0) {
                    assertThat(toIndex).as(from + " -> " + to).isGreaterThan(HostStageTransitions.MAIN_PATH.indexOf(from));
                }
            }
        }
    }
}
