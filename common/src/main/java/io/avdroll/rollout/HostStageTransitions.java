package io.avdroll.rollout;

import static io.avdroll.rollout.HostStage.DRAINED;
import static io.avdroll.rollout.HostStage.DRAINING;
import static io.avdroll.rollout.HostStage.FAILED;
import static io.avdroll.rollout.HostStage.PENDING;
import static io.avdroll.rollout.HostStage.REDEPLOYED;
import static io.avdroll.rollout.HostStage.REDEPLOYING;
import static io.avdroll.rollout.HostStage.SKIPPED;
import static io.avdroll.rollout.HostStage.VERIFIED;
import static io.avdroll.rollout.HostStage.VERIFYING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host stage transition table, as data.
 * <pre>
 * PENDING ─▶ DRAINING ─▶ DRAINED ─▶ REDEPLOYING ─▶ REDEPLOYED ─▶ VERIFYING ─▶ VERIFIED
 *    │                        (any in-flight stage) ─▶ FAILED ─▶ PENDING (retry)
 *    └─▶ SKIPPED (already on the target image)        PENDING ─▶ FAILED
 * </pre>
 * Forward jumps along the main path are legal: a consumer may see only some stage events (the coordinator
 * hears only "verified" or "failed" after admitting a host); what matters is that a host never moves back.
 * An event for a stage the host has already passed is {@link TransitionOutcome#STALE}; for the stage it is in,
 * {@link TransitionOutcome#DUPLICATE}; everything else not in the table is {@link TransitionOutcome#REJECTED}.
 */
public final class HostStageTransitions {

    /** The main path in order. */
    public static final List<HostStage> MAIN_PATH =
            List.of(PENDING, DRAINING, DRAINED, REDEPLOYING, REDEPLOYED, VERIFYING, VERIFIED);

    private static final Map<HostStage, Set<HostStage>> LEGAL = new EnumMap<>(HostStage.class);

    static {
        LEGAL.put(PENDING, EnumSet.of(DRAINING, SKIPPED, FAILED));
        LEGAL.put(DRAINING, EnumSet.of(DRAINED, REDEPLOYING, REDEPLOYED, VERIFYING, VERIFIED, FAILED));
        LEGAL.put(DRAINED, EnumSet.of(REDEPLOYING, REDEPLOYED, VERIFYING, VERIFIED, FAILED));
        LEGAL.put(REDEPLOYING, EnumSet.of(REDEPLOYED, VERIFYING, VERIFIED, FAILED));
        LEGAL.put(REDEPLOYED, EnumSet.of(VERIFYING, VERIFIED, FAILED));
        LEGAL.put(VERIFYING, EnumSet.of(VERIFIED, FAILED));
        LEGAL.put(VERIFIED, EnumSet.noneOf(HostStage.class));
        LEGAL.put(FAILED, EnumSet.of(PENDING));
        LEGAL.put(SKIPPED, EnumSet.noneOf(HostStage.class));
    }

    private HostStageTransitions() {
    }

    /** The stages legal directly after {@code from}. */
    public static Set<HostStage> legalNext(HostStage from) {
        return EnumSet.copyOf(LEGAL.get(from));
    }

    /**
     * Classifies a move of a host from {@code from} to {@code to}.
     *
     * @param failedIn the stage a FAILED host failed in (null otherwise): events up to that stage are stale,
     *                 events past it conflict with the failure and are rejected
     */
    public static TransitionOutcome classify(HostStage from, HostStage to, HostStage failedIn) {
        if (from == to) {
            return TransitionOutcome.DUPLICATE;
        }
        if (LEGAL.get(from).contains(to)) {
            return TransitionOutcome.APPLIED;
        }
        int fromIndex = MAIN_PATH.indexOf(from);
        int toIndex = MAIN_PATH.indexOf(to);
        if (fromIndex > 0 && toIndex > 0 && toIndex < fromIndex) {
            return TransitionOutcome.STALE;
        }
        if (from == FAILED && failedIn != null && toIndex > 0 && toIndex <= MAIN_PATH.indexOf(failedIn)) {
            return TransitionOutcome.STALE;
        }
        return TransitionOutcome.REJECTED;
    }
}
