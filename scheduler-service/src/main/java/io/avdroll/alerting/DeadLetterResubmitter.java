package io.avdroll.alerting;

import io.avdroll.bus.DeadLetterQueues;
import io.avdroll.bus.DeadLetteredMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * What the HTTP API and the CLI offer on dead-lettered messages: list them with their reasons, and re-submit one
 * after its cause was fixed (the copy goes back to the same reader; the original leaves the dead-letter queue).
 */
public final class DeadLetterResubmitter {

    private static final Logger LOG = Logger.getLogger(DeadLetterResubmitter.class);

    private final DeadLetterQueues queues;
    private final MeterRegistry registry;

    public DeadLetterResubmitter(DeadLetterQueues queues, MeterRegistry registry) {
        this.queues = queues;
        this.registry = registry;
    }

    /** Every dead-lettered message of every entity, up to {@code limit} per entity. */
    public List<DeadLetteredMessage> list(int limit) {
        List<DeadLetteredMessage> all = new ArrayList<>();
        for (String entity : queues.entities()) {
            all.addAll(queues.peek(entity, 0, limit));
        }
        return all;
    }

    /**
     * @param entityPath     e.g. {@code coordinator} or {@code drain-requested/subscriptions/drain-service}
     * @param sequenceNumber the message's sequence number in that dead-letter queue (from {@link #list})
     * @return the MessageId of the re-submitted copy
     * @throws IllegalArgumentException         naming {@code entityPath} when it is not a queue or subscription
     * @throws java.util.NoSuchElementException when no such message waits there
     */
    public String resubmit(String entityPath, long sequenceNumber) {
        if (entityPath == null || !queues.entities().contains(entityPath)) {
            throw new IllegalArgumentException("entityPath: must be one of " + queues.entities() + " (was '" + entityPath + "')");
        }
        String copy = queues.resubmit(entityPath, sequenceNumber);
        Counter.builder("avdroll.dead.letter.resubmitted").tag("entity", entityPath).register(registry).increment();
        LOG.infof("re-submitted dead-lettered message %d of %s as %s", sequenceNumber, entityPath, copy);
        return copy;
    }
}
