package io.avdroll.topology;

import io.avdroll.events.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Service Bus entities of the system, read from {@code topology.json} (the one declaration that the
 * code, the local emulator and the Bicep templates share). Built only through {@link TopologyReader},
 * which validates it.
 */
public record Topology(EntitySettings defaults, List<QueueSpec> queues, List<TopicSpec> topics) {

    public Topology {
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
    }

    public Optional<QueueSpec> queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public Optional<TopicSpec> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The topic an event type is published to: the topic named like the type. */
    public TopicSpec topicFor(EventType type) {
        return topic(type.wireName()).orElseThrow(() -> new IllegalStateException(
                "topology declares no topic '" + type.wireName() + "' for events of that type"));
    }

    /** Every place where messages are read: queues, and subscriptions that do not forward. */
    public List<ReceiveEndpoint> receiveEndpoints() {
        List<ReceiveEndpoint> endpoints = new ArrayList<>();
        for (QueueSpec queue : queues) {
            endpoints.add(new ReceiveEndpoint(queue.name(), Optional.empty(), queue.requiresSession(), queue.consumedBy(),
                    queue.settings()));
        }
        for (TopicSpec topic : topics) {
            for (SubscriptionSpec sub : topic.subscriptions()) {
                if (sub.forwardTo().isEmpty()) {
                    endpoints.add(new ReceiveEndpoint(topic.name(), Optional.of(sub.name()), sub.requiresSession(),
                            sub.consumedBy(), sub.settings()));
                }
            }
        }
        return List.copyOf(endpoints);
    }

    /** Where the given service reads (e.g. {@code drain-service} → {@code drain-requested/subscriptions/drain-service}). */
    public List<ReceiveEndpoint> endpointsConsumedBy(String service) {
        return receiveEndpoints().stream().filter(e -> e.consumedBy().equals(service)).toList();
    }

    /** The endpoint with this entity path, e.g. {@code coordinator}. */
    public ReceiveEndpoint endpoint(String entityPath) {
        return receiveEndpoints().stream().filter(e -> e.entityPath().equals(entityPath)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topology has no receive endpoint '" + entityPath
                        + "'; it has " + receiveEndpoints()));
    }

    /** Where messages published to the topic end up being read, following forwardTo. */
    public List<ReceiveEndpoint> endpointsReachedFrom(String topicName) {
        TopicSpec topic = topic(topicName).orElseThrow(() -> new IllegalArgumentException("no topic '" + topicName + "'"));
        return topic.subscriptions().stream()
                .map(sub -> sub.forwardTo().map(this::endpoint).orElseGet(() -> endpoint(sub.entityPath())))
                .toList();
    }
}
