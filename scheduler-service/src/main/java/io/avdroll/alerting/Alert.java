package io.avdroll.alerting;

import java.time.Instant;
import java.util.Optional;

/**
 * One condition people must look at.
 *
 * @param key      identifies the condition, so one that persists is sent once (e.g. {@code rollout/host/attempt/stuck})
 * @param host     the session host concerned, if one
 * @param stage    the stage (host stage, or the topic / entity of a dead-lettered message)
 * @param reason   the machine-readable cause, e.g. a DeadLetterReason or the pause reason
 * @param text     one line for people
 */
public record Alert(AlertKind kind, String key, String rolloutId, String hostPool, Optional<String> host, String stage,
                    String reason, String text, Instant at) {

    public Alert {
        rolloutId = rolloutId == null ? "" : rolloutId;
        hostPool = hostPool == null ? "" : hostPool;
        host = host == null ? Optional.empty() : host;
        stage = stage == null ? "" : stage;
        reason = reason == null ? "" : reason;
    }

    /** The one-line summary the log sink prints and the webhook shows as its text. */
    public String summary() {
        return "[" + kind + "] " + text;
    }
}
