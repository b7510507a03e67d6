package io.avdroll.api;

/**
 * The answer to start and control requests.
 *
 * @param handled whether the coordinator handled the message within the API's wait (if not, it is queued and will be)
 * @param outcome the coordinator's own words for what it did, when handled
 * @param rollout the pool's rollout after the coordinator handled the message, when handled
 */
public record ActionView(String action, String rolloutId, String messageId, boolean handled, String outcome,
                         RolloutView rollout) {
}
