package io.avdroll.topology;

import java.util.Optional;

/**
 * A topic subscription. With {@code forwardTo} set, Service Bus moves every message on into that queue
 * and the consumer reads the queue, not the subscription.
 */
public record SubscriptionSpec(
        String topic,
        String name,
        Optional<String> forwardTo,
        boolean requiresSession,
        String consumedBy,
        EntitySettings settings) {

    /** {@code {topic}/subscriptions/{name}}, the entity path Service Bus uses. */
    public String entityPath() {
        return topic + "/subscriptions/" + name;
    }
}
