package io.avdroll.e2e.bench;

import java.util.Optional;

/**
 * A host event's MessageId read back ({@code {pool}/{rollout}/{host}[/attempt-N]/{stage}[/check-K][/retry-N]}):
 * only the original (no check, no retry) is a hand-off from one stage to the next; follow-ups a service
 * schedules to itself and delayed retries are not.
 */
public record HandOffId(String pool, String rolloutId, String host, String stage, boolean followUp) {

    public static Optional<HandOffId> parse(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String[] s = messageId.split("/");
        if (s.length < 4) {
            return Optional.empty();
        }
        int i = 3;
        if (s[i].startsWith("attempt-")) {
            i++;
        }
        if (i >= s.length) {
            return Optional.empty();
        }
        String stage = s[i];
        boolean followUp = i + 1 < s.length;
        return Optional.of(new HandOffId(s[0], s[1], s[2].toLowerCase(), stage, followUp));
    }
}
