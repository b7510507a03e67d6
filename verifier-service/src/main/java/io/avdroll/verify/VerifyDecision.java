package io.avdroll.verify;

import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import io.avdroll.events.HostVerified;

import java.time.Instant;
import java.util.List;

/** What the verifier decided about one look at a host. Every decision says why. */
public sealed interface VerifyDecision {

    String reason();

    /** The event is not (or no longer) this verifier's business: complete it and do nothing. */
    record Ignore(String reason) implements VerifyDecision {
    }

    /** Not done yet: carry out {@code actions} (keeping the host drained), then schedule {@code followUp} for {@code at}. */
    record CheckAgain(List<VerifyAction> actions, HostRedeployed followUp, Instant at, String reason) implements VerifyDecision {
        public CheckAgain {
            actions = List.copyOf(actions);
        }
    }

    /**
     * The host passed (now or on an earlier delivery): carry out {@code actions} in order, then publish
     * {@code verified}. For a host verified earlier the actions are what is left undone, usually none.
     */
    record ReturnToService(List<VerifyAction> actions, HostVerified verified, String reason) implements VerifyDecision {
        public ReturnToService {
            actions = List.copyOf(actions);
        }
    }

    /**
     * The host failed verification: carry out {@code actions} (at most keeping it drained), publish {@code failed},
     * and leave the host otherwise as it is, for a person: excluded from scaling, powered as it is, never deleted.
     */
    record Fail(List<VerifyAction> actions, HostFailed failed, String reason) implements VerifyDecision {
        public Fail {
            actions = List.copyOf(actions);
        }
    }
}
