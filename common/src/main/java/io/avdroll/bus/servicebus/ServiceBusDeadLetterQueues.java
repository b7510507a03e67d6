package io.avdroll.bus.servicebus;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import io.avdroll.bus.DeadLetterQueues;
import io.avdroll.bus.DeadLetteredMessage;
import io.avdroll.events.MessageIds;
import io.avdroll.topology.SubscriptionSpec;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopicSpec;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dead-letter sub-queues ({@code <entity>/$deadletterqueue}) over the Service Bus SDK: peek to watch, receive +
 * send + complete to re-submit.
 */
public final class ServiceBusDeadLetterQueues implements DeadLetterQueues {

    /** On a re-submitted copy: the dead-letter sequence number it came from, for people reading the message. */
    public static final String RESUBMITTED_FROM = "avdroll-resubmitted-from";
    private static final List<String> DEAD_LETTER_PROPERTIES = List.of("DeadLetterReason", "DeadLetterErrorDescription");
    private static final int SCAN_BATCH = 50;

    private final Topology topology;
    private final ServiceBusClientBuilder builder;
    private final Map<String, ServiceBusReceiverClient> peekers = new ConcurrentHashMap<>();

    public ServiceBusDeadLetterQueues(ServiceBusSettings settings, Topology topology) {
        this.topology = topology;
        this.builder = new ServiceBusClientBuilder().retryOptions(new AmqpRetryOptions().setTryTimeout(settings.tryTimeout()));
        settings.connectionString().ifPresentOrElse(builder::connectionString,
                () -> builder.credential(settings.fullyQualifiedNamespace(), new DefaultAzureCredentialBuilder().build()));
    }

    @Override
    public List<String> entities() {
        List<String> paths = new ArrayList<>();
        topology.queues().forEach(q -> paths.add(q.name()));
        for (TopicSpec topic : topology.topics()) {
            for (SubscriptionSpec sub : topic.subscriptions()) {
                paths.add(topic.name() + "/subscriptions/" + sub.name());
            }
        }
        return List.copyOf(paths);
    }

    @Override
    public List<DeadLetteredMessage> peek(String entityPath, long fromSequenceNumber, int max) {
        ServiceBusReceiverClient peeker = peekers.computeIfAbsent(entityPath,
                path -> deadLetterReceiver(path, ServiceBusReceiveMode.PEEK_LOCK));
        List<DeadLetteredMessage> found = new ArrayList<>();
        peeker.peekMessages(max, fromSequenceNumber).forEach(m -> found.add(toDeadLettered(entityPath, m)));
        return found;
    }

    @Override
    public String resubmit(String entityPath, long sequenceNumber) {
        try (ServiceBusReceiverClient receiver = deadLetterReceiver(entityPath, ServiceBusReceiveMode.PEEK_LOCK)) {
            List<ServiceBusReceivedMessage> others = new ArrayList<>();
            try {
                while (true) {
                    List<ServiceBusReceivedMessage> batch = new ArrayList<>();
                    receiver.receiveMessages(SCAN_BATCH, Duration.ofSeconds(2)).forEach(batch::add);
                    if (batch.isEmpty()) {
                        throw new NoSuchElementException("sequenceNumber: no message " + sequenceNumber
                                + " in the dead-letter queue of " + entityPath);
                    }
                    for (ServiceBusReceivedMessage message : batch) {
                        if (message.getSequenceNumber() == sequenceNumber) {
                            String id = send(entityPath, message);
                            receiver.complete(message); // after the send: a crash between gives a duplicate, never a loss
                            return id;
                        }
                        others.add(message);
                    }
                }
            } finally {
                others.forEach(receiver::abandon);
            }
        }
    }

    private String send(String entityPath, ServiceBusReceivedMessage dead) {
        ServiceBusMessage copy = new ServiceBusMessage(dead.getBody());
        String id = MessageIds.bounded(Optional.ofNullable(dead.getMessageId()).orElse("message") + "/resubmit-"
                + dead.getSequenceNumber());
        copy.setMessageId(id);
        Optional.ofNullable(dead.getSessionId()).ifPresent(copy::setSessionId);
        copy.setSubject(dead.getSubject());
        copy.setContentType(dead.getContentType());
        dead.getApplicationProperties().forEach((k, v) -> copy.getApplicationProperties().put(k, v));
        DEAD_LETTER_PROPERTIES.forEach(copy.getApplicationProperties()::remove);
        copy.getApplicationProperties().put(RESUBMITTED_FROM, dead.getSequenceNumber());
        Target target = targetOf(entityPath);
        target.onlyFor().ifPresentOrElse(path -> copy.getApplicationProperties().put(MessageMapping.RETRY_FOR, path),
                () -> copy.getApplicationProperties().remove(MessageMapping.RETRY_FOR));
        try (ServiceBusSenderClient sender = target.queue()
                ? builder.sender().queueName(target.entity()).buildClient()
                : builder.sender().topicName(target.entity()).buildClient()) {
            sender.sendMessage(copy);
        }
        return id;
    }

    /**
     * Where to send so the copy comes back to the entity's reader only: a queue directly; a subscription's topic,
     * marked for that subscription (or, for a forwarding one, for the entity it forwards to) so the other
     * subscriptions of the topic skip it.
     */
    private Target targetOf(String entityPath) {
        int cut = entityPath.indexOf("/subscriptions/");
        if (cut < 0) {
            topology.queue(entityPath).orElseThrow(() -> new IllegalArgumentException("entityPath: no queue or subscription '"
                    + entityPath + "' in the topology"));
            return new Target(entityPath, true, Optional.empty());
        }
        String topicName = entityPath.substring(0, cut);
        String subName = entityPath.substring(cut + "/subscriptions/".length());
        SubscriptionSpec sub = topology.topic(topicName).flatMap(t -> t.subscriptions().stream()
                        .filter(s -> s.name().equals(subName)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("entityPath: no subscription '" + entityPath + "' in the topology"));
        return new Target(topicName, false, Optional.of(sub.forwardTo().orElse(entityPath)));
    }

    private record Target(String entity, boolean queue, Optional<String> onlyFor) {
    }

    private ServiceBusReceiverClient deadLetterReceiver(String entityPath, ServiceBusReceiveMode mode) {
        var receiver = builder.receiver().subQueue(SubQueue.DEAD_LETTER_QUEUE).receiveMode(mode);
        int cut = entityPath.indexOf("/subscriptions/");
        if (cut < 0) {
            receiver.queueName(entityPath);
        } else {
            receiver.topicName(entityPath.substring(0, cut)).subscriptionName(entityPath.substring(cut + "/subscriptions/".length()));
        }
        return receiver.buildClient();
    }

    private static DeadLetteredMessage toDeadLettered(String entityPath, ServiceBusReceivedMessage m) {
        return new DeadLetteredMessage(entityPath, m.getSequenceNumber(), m.getMessageId(),
                Optional.ofNullable(m.getSessionId()), Optional.ofNullable(m.getSubject()), m.getDeadLetterReason(),
                m.getDeadLetterErrorDescription(), m.getBody().toBytes(),
                Optional.ofNullable(m.getEnqueuedTime()).map(OffsetDateTime::toInstant).orElse(Instant.EPOCH),
                (int) m.getDeliveryCount());
    }

    @Override
    public void close() {
        peekers.values().forEach(ServiceBusReceiverClient::close);
        peekers.clear();
    }
}
