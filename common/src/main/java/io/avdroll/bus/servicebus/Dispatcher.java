package io.avdroll.bus.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.DeliveryObserver;
import io.avdroll.bus.DeliveryOutcome;
import io.avdroll.bus.Settlement;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;
import io.avdroll.events.EventType;
import io.avdroll.events.InvalidEventException;
import io.avdroll.topology.ReceiveEndpoint;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Turns one received message into a handler call and the handler's answer into a settlement: invalid
 * bodies are dead-lettered, exceptions abandon, RetryLater with a delay schedules a copy and completes.
 */
final class Dispatcher {

    /** The handler, given the decoded delivery; returns the settlement (session handlers close over their state). */
    interface Invocation {
        Settlement invoke(Delivery delivery) throws Exception;
    }

    /** Schedules a message on an entity (queue or topic) and returns its sequence number. */
    interface Scheduler {
        long schedule(String entity, ServiceBusMessage message, OffsetDateTime at);
    }

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final EventCodec codec;
    private final Clock clock;
    private final Scheduler scheduler;
    private final DeliveryObserver observer;

    Dispatcher(EventCodec codec, Clock clock, Scheduler scheduler) {
        this(codec, clock, scheduler, DeliveryObserver.NONE);
    }

    Dispatcher(EventCodec codec, Clock clock, Scheduler scheduler, DeliveryObserver observer) {
        this.codec = codec;
        this.clock = clock;
        this.scheduler = scheduler;
        this.observer = observer;
    }

    /** Returns the settlement applied, or empty if the handler failed and the message was abandoned. */
    Optional<Settlement> dispatch(ReceiveEndpoint endpoint, ServiceBusReceivedMessage message, Settler settler,
                                  Invocation invocation) {
        Optional<String> retryFor = MessageMapping.retryFor(message);
        if (retryFor.isPresent() && !retryFor.get().equals(endpoint.entityPath())) {
            settler.complete(); // a delayed retry copy meant for another subscription of the same topic
            return Optional.of(Settlement.complete()); // not this endpoint's message: not counted
        }
        Event event;
        try {
            event = codec.decode(message.getBody().toBytes());
        } catch (InvalidEventException e) {
            LOG.log(Level.WARNING, "dead-lettering invalid event {0} on {1}: {2}", message.getMessageId(), endpoint, e.getMessage());
            Settlement dead = Settlement.deadLetter(DeadLetterReasons.INVALID_EVENT, e.getMessage());
            apply(endpoint, message, settler, dead);
            observe(endpoint, topicOf(endpoint, message), dead);
            return Optional.of(dead);
        }
        Delivery delivery = new Delivery(event, message.getMessageId(), MessageMapping.traceOf(message),
                (int) message.getDeliveryCount(), MessageMapping.retriesOf(message), message.getSequenceNumber(),
                Optional.ofNullable(message.getEnqueuedTime()).map(OffsetDateTime::toInstant).orElse(Instant.EPOCH),
                endpoint.entityPath());
        Settlement settlement;
        try {
            settlement = invocation.invoke(delivery);
            if (settlement == null) {
                throw new IllegalStateException("handler returned no settlement");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "handler failed on " + message.getMessageId() + " from " + endpoint
                    + " (delivery " + message.getDeliveryCount() + "); abandoning", e);
            settler.abandon();
            notify(new DeliveryOutcome(endpoint.entityPath(), event.type().wireName(), DeliveryOutcome.Kind.FAILED,
                    e.getClass().getSimpleName()));
            return Optional.empty();
        }
        apply(endpoint, message, settler, settlement);
        observe(endpoint, event.type().wireName(), settlement);
        return Optional.of(settlement);
    }

    private void observe(ReceiveEndpoint endpoint, String topic, Settlement settlement) {
        notify(DeliveryOutcome.of(endpoint.entityPath(), topic, settlement));
    }

    private void notify(DeliveryOutcome outcome) {
        try {
            observer.observed(outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery observer failed on " + outcome, e);
        }
    }

    /** An invalid body has no trustworthy type: the subject names its topic when it is one, else the entity does. */
    private static String topicOf(ReceiveEndpoint endpoint, ServiceBusReceivedMessage message) {
        return Optional.ofNullable(message.getSubject()).flatMap(EventType::fromWireName).map(EventType::wireName)
                .orElse(endpoint.queueOrTopic());
    }

    private void apply(ReceiveEndpoint endpoint, ServiceBusReceivedMessage message, Settler settler, Settlement settlement) {
        if (settlement instanceof Settlement.DeadLetter dead) {
            settler.deadLetter(new DeadLetterOptions().setDeadLetterReason(dead.reason())
                    .setDeadLetterErrorDescription(dead.description()));
        } else if (settlement instanceof Settlement.RetryLater retry && retry.delay().isZero()) {
            settler.abandon();
        } else if (settlement instanceof Settlement.RetryLater retry) {
            ServiceBusMessage copy = MessageMapping.retryCopy(message, MessageMapping.retriesOf(message) + 1,
                    endpoint.isQueue() ? Optional.empty() : Optional.of(endpoint.entityPath()));
            Instant at = clock.instant().plus(retry.delay());
            // Copy first, then complete: a crash in between gives a duplicate (handlers are idempotent), never a loss.
            scheduler.schedule(endpoint.sendTarget(), copy, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            LOG.log(Level.DEBUG, "{0} retries at {1}: {2}", message.getMessageId(), at, retry.reason());
            settler.complete();
        } else {
            settler.complete();
        }
    }
}
