package io.avdroll.bus;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The state the broker keeps for one session (here: one host pool's rollout record). */
public interface SessionState {

    String sessionId();

    /** The stored state; empty if none was ever set (or it was cleared). */
    Optional<byte[]> get();

    /**
     * Whether more of this session's messages are already received and will be handed over after this one.
     * A hint for handlers that may leave work to the next message (which is then certain to come unless the
     * process dies, in which case those messages are delivered again): false where the bus cannot tell.
     */
    default boolean moreReceived() {
        return false;
    }

    /** Replaces the state once the handler returns; an empty array clears it. */
    void set(byte[] state);

    default Optional<String> getText() {
        return get().map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    default void setText(String state) {
        set(state.getBytes(StandardCharsets.UTF_8));
    }
}
