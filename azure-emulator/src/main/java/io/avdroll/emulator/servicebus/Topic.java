package io.avdroll.emulator.servicebus;

import java.util.List;
import java.util.TreeMap;

/** A topic: what is sent to it is copied to each subscription (or forwarded where a subscription says so). */
final class Topic {

    final String name;
    final EntitySettings settings;
    final List<MessageQueue> subscriptions;
    final TreeMap<Long, StoredMessage> scheduled = new TreeMap<>();
    final DuplicateDetector duplicates;

    Topic(String name, EntitySettings settings, List<MessageQueue> subscriptions) {
        this.name = name;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.duplicates = new DuplicateDetector(settings.duplicateDetectionWindow());
    }
}
