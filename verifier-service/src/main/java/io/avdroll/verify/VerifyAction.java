package io.avdroll.verify;

import java.util.Map;
import java.util.Set;

/** One side effect the verifier asks its handler to carry out, in order, each with the reason for it. */
public sealed interface VerifyAction {

    String reason();

    /** Turn drain mode off: the session host accepts new sessions again. */
    record AllowNewSessions(String reason) implements VerifyAction {
    }

    /**
     * Turn drain mode on: a recreated host registers accepting sessions (Azure's default), but must take no users
     * until it is verified, and stays drained if it fails.
     */
    record KeepDrained(String reason) implements VerifyAction {
    }

    /** Set {@code put} and remove {@code remove} on the VM's tags, keeping all others. */
    record UpdateTags(Map<String, String> put, Set<String> remove, String reason) implements VerifyAction {
        public UpdateTags {
            put = Map.copyOf(put);
            remove = Set.copyOf(remove);
        }
    }

    /** Deallocate with {@code hibernate=true}: a DR host goes back to sleep with its memory kept. */
    record Hibernate(String reason) implements VerifyAction {
    }

    /** Deallocate: a DR host goes back to its deallocated state. */
    record Deallocate(String reason) implements VerifyAction {
    }
}
