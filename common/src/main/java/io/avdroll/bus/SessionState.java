package io.avdroll.bus;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The state the broker keeps for one session (here: one host pool's rollout record). */
public interface SessionState {

    String sessionId();

    /** The stored state; empty if none was ever set (or it was cleared). */
    Optional<byte[]> get();

    /** Replaces the state once the handler returns; an empty array clears it. */
    void set(byte[] state);

    default Optional<String> getText() {
        return get().map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    default void setText(String state) {
        set(state.getBytes(StandardCharsets.UTF_8));
    }
}
