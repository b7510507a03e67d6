package io.avdroll.topology;

import java.util.List;

/** A topic: its name is the wire name of the event type published to it. */
public record TopicSpec(
        String name,
        String description,
        boolean requiresDuplicateDetection,
        List<String> publishedBy,
        List<SubscriptionSpec> subscriptions,
        EntitySettings settings) {

    public TopicSpec {
        publishedBy = List.copyOf(publishedBy);
        subscriptions = List.copyOf(subscriptions);
    }
}
