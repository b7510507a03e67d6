package io.avdroll.topology;

import java.util.Optional;

/**
 * Where a service actually reads messages: a queue, or a subscription that does not forward.
 *
 * @param queueOrTopic the queue name, or the topic name of a subscription
 * @param subscription present for a subscription
 */
public record ReceiveEndpoint(
        String queueOrTopic,
        Optional<String> subscription,
        boolean requiresSession,
        String consumedBy,
        EntitySettings settings) {

    public boolean isQueue() {
        return subscription.isEmpty();
    }

    /** The entity to send to so that a message comes back here: the queue itself, or the subscription's topic. */
    public String sendTarget() {
        return queueOrTopic;
    }

    /** {@code coordinator} or {@code drain-requested/subscriptions/drain-service}. */
    public String entityPath() {
        return subscription.map(s -> queueOrTopic + "/subscriptions/" + s).orElse(queueOrTopic);
    }

    @Override
    public String toString() {
        return entityPath();
    }
}
