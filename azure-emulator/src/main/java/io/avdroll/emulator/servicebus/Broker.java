package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.message.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace: queues, topics and subscriptions from the topology, and what happens to a message between the
 * moment a sender hands it over and the moment it lands in a queue or subscription (duplicate detection,
 * scheduling, fan-out, auto-forwarding). Runs on the broker's single thread only.
 */
final class Broker {

    private final Clock clock;
    private final Timers timers;
    private final Map<String, MessageQueue> queues = new HashMap<>();
    private final Map<String, Topic> topics = new HashMap<>();
    /** Everything a client can receive from, by lower-case path: queues, subscriptions and their DLQs. */
    private final Map<String, MessageQueue> receivables = new HashMap<>();
    private final Map<Long, Long> scheduleTimers = new HashMap<>();
    private long lastSequenceNumber;
    private java.util.function.Consumer<SentMessage> sendListener = m -> { };

    Broker(Topology topology, Clock clock, Timers timers) {
        this.clock = clock;
        this.timers = timers;
        for (Topology.Queue q : topology.queues()) {
            MessageQueue queue = new MessageQueue(q.name(), q.settings(), true, clock, timers);
            queues.put(key(q.name()), queue);
            register(queue);
        }
        for (Topology.Topic t : topology.topics()) {
            List<MessageQueue> subscriptions = new ArrayList<>();
            for (Topology.Subscription s : t.subscriptions()) {
                MessageQueue sub = new MessageQueue(t.name() + "/subscriptions/" + s.name(), s.settings(), true,
                        clock, timers);
                subscriptions.add(sub);
                register(sub);
            }
            topics.put(key(t.name()), new Topic(t.name(), t.settings(), List.copyOf(subscriptions)));
        }
    }

    private void register(MessageQueue queue) {
        receivables.put(key(queue.path), queue);
        receivables.put(key(queue.deadLetterQueue.path), queue.deadLetterQueue);
    }

    static String key(String path) {
        String p = path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.toLowerCase(Locale.ROOT);
    }

    /** Told of every message accepted for a queue or topic (including auto-forwarded copies), on the broker thread. */
    void onSend(java.util.function.Consumer<SentMessage> listener) {
        this.sendListener = listener;
    }

    MessageQueue receivable(String path) {
        return receivables.get(key(path));
    }

    boolean isSendTarget(String path) {
        return queues.containsKey(key(path)) || topics.containsKey(key(path));
    }

    boolean isTopic(String path) {
        return topics.containsKey(key(path));
    }

    boolean exists(String path) {
        return isSendTarget(path) || receivable(path) != null;
    }

    long maxMessageSize(String path) {
        MessageQueue q = queues.get(key(path));
        return q != null ? q.settings.maxMessageSizeBytes() : topics.get(key(path)).settings.maxMessageSizeBytes();
    }

    Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------- sending

    /**
     * Accepts a message sent to a queue or topic. Returns its sequence number, or -1 when duplicate detection
     * dropped it (the sender still sees success, as with Service Bus).
     */
    long send(String path, Message message) {
        MessageQueue queue = queues.get(key(path));
        Topic topic = topics.get(key(path));
        if (queue == null && topic == null) {
            throw BrokerError.entityNotFound(path);
        }
        EntitySettings settings = queue != null ? queue.settings : topic.settings;
        if (queue != null && queue.requiresSession() && message.getGroupId() == null) {
            throw new BrokerError(BrokerError.NOT_ALLOWED, 400, "The SessionId was not set on a message, and it "
                    + "cannot be sent to the entity '" + queue.path + "', which requires sessions.");
        }
        Instant now = clock.instant();
        Instant scheduledAt = MessageCodec.annotationInstant(message, MessageCodec.SCHEDULED_ENQUEUE_TIME);
        if (settings.requiresDuplicateDetection() && message.getMessageId() != null) {
            DuplicateDetector detector = queue != null ? queue.duplicates : topic.duplicates;
            if (detector.isDuplicate(String.valueOf(message.getMessageId()), now)) {
                notifySent(path, message, now, scheduledAt, true);
                return -1;
            }
        }
        notifySent(path, message, now, scheduledAt, false);
        long sequenceNumber = ++lastSequenceNumber;
        if (scheduledAt != null && scheduledAt.isAfter(now)) {
            StoredMessage pending = new StoredMessage(message, sequenceNumber, now, Instant.MAX);
            pending.scheduledEnqueueTime = scheduledAt;
            TreeMap<Long, StoredMessage> scheduled = queue != null ? queue.scheduled : topic.scheduled;
            scheduled.put(sequenceNumber, pending);
            scheduleTimers.put(sequenceNumber, timers.schedule(Duration.between(now, scheduledAt),
                    () -> activateScheduled(path, sequenceNumber)));
            return sequenceNumber;
        }
        StoredMessage stored = new StoredMessage(message, sequenceNumber, now, expiry(message, settings, now));
        if (queue != null) {
            queue.enqueue(stored);
        } else {
            publish(topic, stored);
        }
        return sequenceNumber;
    }

    private void notifySent(String path, Message message, Instant now, Instant scheduledAt, boolean duplicate) {
        byte[] body = message.getBody() instanceof org.apache.qpid.proton.amqp.messaging.Data data && data.getValue() != null
                ? java.util.Arrays.copyOfRange(data.getValue().getArray(), data.getValue().getArrayOffset(),
                        data.getValue().getArrayOffset() + data.getValue().getLength())
                : new byte[0];
        sendListener.accept(new SentMessage(path, message.getMessageId() == null ? null : String.valueOf(message.getMessageId()),
                message.getSubject(), message.getGroupId(), now, scheduledAt != null && scheduledAt.isAfter(now) ? scheduledAt : null,
                duplicate, body));
    }

    private void activateScheduled(String path, long sequenceNumber) {
        scheduleTimers.remove(sequenceNumber);
        MessageQueue queue = queues.get(key(path));
        Topic topic = topics.get(key(path));
        StoredMessage pending = queue != null ? queue.scheduled.remove(sequenceNumber)
                : topic.scheduled.remove(sequenceNumber);
        if (pending == null) {
            return;
        }
        Instant now = clock.instant();
        EntitySettings settings = queue != null ? queue.settings : topic.settings;
        StoredMessage active = new StoredMessage(pending.amqp, sequenceNumber, now,
                expiry(pending.amqp, settings, now));
        active.scheduledEnqueueTime = pending.scheduledEnqueueTime;
        if (queue != null) {
            queue.enqueue(active);
        } else {
            publish(topic, active);
        }
    }

    void cancelScheduled(String path, long sequenceNumber) {
        MessageQueue queue = queues.get(key(path));
        Topic topic = topics.get(key(path));
        if (queue == null && topic == null) {
            throw BrokerError.entityNotFound(path);
        }
        StoredMessage removed = queue != null ? queue.scheduled.remove(sequenceNumber)
                : topic.scheduled.remove(sequenceNumber);
        Long timer = scheduleTimers.remove(sequenceNumber);
        if (timer != null) {
            timers.cancel(timer);
        }
        if (removed == null) {
            throw new BrokerError(BrokerError.NOT_FOUND, 404, "No scheduled message with sequence number "
                    + sequenceNumber + " on '" + path + "'.");
        }
    }

    private void publish(Topic topic, StoredMessage message) {
        for (MessageQueue subscription : topic.subscriptions) {
            String forwardTo = subscription.settings.forwardTo();
            if (forwardTo != null) {
                forward(subscription, message, forwardTo);
            } else {
                subscription.enqueue(message.copy(earliest(message.expiresAt,
                        message.enqueuedTime.plus(subscription.settings.defaultMessageTimeToLive()))));
            }
        }
    }

    /** Auto-forwarding: the message is sent on to the target; if the target refuses it, it is dead-lettered. */
    private void forward(MessageQueue subscription, StoredMessage message, String target) {
        try {
            send(target, message.amqp);
        } catch (BrokerError e) {
            subscription.deadLetter(message.copy(Instant.MAX), "ForwardingFailed", e.getMessage());
        }
    }

    private static Instant expiry(Message message, EntitySettings settings, Instant now) {
        Duration ttl = settings.defaultMessageTimeToLive();
        Header header = message.getHeader();
        if (header != null && header.getTtl() != null && header.getTtl().longValue() > 0) {
            Duration messageTtl = Duration.ofMillis(header.getTtl().longValue());
            if (messageTtl.compareTo(ttl) < 0) {
                ttl = messageTtl;
            }
        }
        return now.plus(ttl);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------- inspection

    EntityCounts counts(String path) {
        MessageQueue queue = receivable(path);
        if (queue != null) {
            long dead = queue.deadLetterQueue == null ? 0 : queue.deadLetterQueue.activeCount();
            return new EntityCounts(queue.activeCount(), queue.scheduled.size(), dead);
        }
        Topic topic = topics.get(key(path));
        if (topic == null) {
            throw new IllegalArgumentException("no Service Bus entity '" + path + "' in the topology");
        }
        long active = 0;
        long dead = 0;
        for (MessageQueue sub : topic.subscriptions) {
            active += sub.activeCount();
            dead += sub.deadLetterQueue.activeCount();
        }
        return new EntityCounts(active, topic.scheduled.size(), dead);
    }

    List<DeadLetteredMessage> deadLettered(String path) {
        MessageQueue queue = receivable(path);
        if (queue == null || queue.deadLetterQueue == null) {
            throw new IllegalArgumentException("no queue or subscription '" + path + "' in the topology");
        }
        return queue.deadLetterQueue.allMessages().stream().map(DeadLetteredMessage::of).toList();
    }

    List<String> entityPaths() {
        List<String> paths = new ArrayList<>();
        queues.values().forEach(q -> paths.add(q.path));
        topics.values().forEach(t -> {
            paths.add(t.name);
            t.subscriptions.forEach(s -> paths.add(s.path));
        });
        paths.sort(String::compareTo);
        return paths;
    }
}
