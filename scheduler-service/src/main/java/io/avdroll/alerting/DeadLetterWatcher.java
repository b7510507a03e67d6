package io.avdroll.alerting;

import io.avdroll.bus.DeadLetterQueues;
import io.avdroll.bus.DeadLetteredMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Looks at the dead-letter queue of every queue and subscription: each message seen for the first time raises an
 * alert with its reason, and {@code avdroll_dead_letter_messages{entity}} gauges how many wait there (a rising count
 * is what an Azure Monitor rule on {@code DeadletteredMessages} sees too).
 */
public final class DeadLetterWatcher {

    private static final Logger LOG = Logger.getLogger(DeadLetterWatcher.class);
    private static final int PAGE = 100;
    private static final int MAX_COUNTED = 5_000;

    private final DeadLetterQueues queues;
    private final AlertDispatcher alerts;
    private final Clock clock;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();

    public DeadLetterWatcher(DeadLetterQueues queues, AlertDispatcher alerts, MeterRegistry registry, Clock clock) {
        this.queues = queues;
        this.alerts = alerts;
        this.clock = clock;
        for (String entity : queues.entities()) {
            AtomicLong count = new AtomicLong();
            waiting.put(entity, count);
            Gauge.builder("avdroll.dead.letter.messages", count, AtomicLong::get)
                    .description("Messages waiting in the entity's dead-letter queue").tag("entity", entity).register(registry);
        }
    }

    /** One look at every dead-letter queue. Returns the alerts raised. A failure on one entity does not stop the rest. */
    public synchronized List<Alert> poll() {
        List<Alert> raised = new java.util.ArrayList<>();
        for (String entity : queues.entities()) {
            try {
                raised.addAll(pollOne(entity));
            } catch (RuntimeException e) {
                LOG.warnf("dead-letter queue of %s not readable: %s", entity, e.getMessage());
            }
        }
        return raised;
    }

    private List<Alert> pollOne(String entity) {
        List<Alert> raised = new java.util.ArrayList<>();
        long count = 0;
        long from = 0;
        long firstUnseen = nextSequence.getOrDefault(entity, 0L);
        while (count < MAX_COUNTED) {
            List<DeadLetteredMessage> page = queues.peek(entity, from, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (DeadLetteredMessage message : page) {
                count++;
                if (message.sequenceNumber() >= firstUnseen) {
                    Alert alert = DeadLetterDescriber.describe(message, clock.instant());
                    alerts.send(alert);
                    raised.add(alert);
                    nextSequence.merge(entity, message.sequenceNumber() + 1, Math::max);
                }
            }
            from = page.get(page.size() - 1).sequenceNumber() + 1;
            if (page.size() < PAGE) {
                break;
            }
        }
        waiting.get(entity).set(count);
        return raised;
    }
}
