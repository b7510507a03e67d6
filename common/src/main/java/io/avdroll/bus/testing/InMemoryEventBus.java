package io.avdroll.bus.testing;

import io.avdroll.bus.Consumption;
import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.EventHandler;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.SessionEventHandler;
import io.avdroll.bus.SessionState;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.TraceContext;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;
import io.avdroll.events.InvalidEventException;
import io.avdroll.events.MessageIds;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.SubscriptionSpec;
import io.avdroll.topology.TopicSpec;
import io.avdroll.topology.Topology;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A single-threaded, deterministic stand-in for the EventBus port, for unit tests of services and
 * for the simulation. It follows the same topology (topics, forwarding, sessions, max delivery count,
 * duplicate detection window) and the same settlement rules as the Service Bus adapter, and it runs
 * every body through the real {@link EventCodec}. Nothing is delivered until {@link #deliverDue()} is
 * called; time is the injected clock's.
 */
public final class InMemoryEventBus implements EventBus {

    private static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
    private static final int DELIVERY_LIMIT = 1_000_000;

    private final Topology topology;
    private final EventCodec codec;
    private final Clock clock;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Map<String, Instant>> seenMessageIds = new HashMap<>();
    private long nextSequenceNumber = 1;

    public InMemoryEventBus(Topology topology, EventCodec codec, Clock clock) {
        this.topology = topology;
        this.codec = codec;
        this.clock = clock;
        topology.receiveEndpoints().forEach(e -> endpoints.put(e.entityPath(), new Endpoint(e)));
    }

    @Override
    public void publish(Event event, TraceContext trace) {
        send(event.type().wireName(), newMessage(event, trace, clock.instant()));
    }

    @Override
    public ScheduledEvent publishAt(Event event, Instant visibleAt, TraceContext trace) {
        Message message = newMessage(event, trace, visibleAt);
        send(event.type().wireName(), message);
        return new ScheduledEvent(event.type(), event.messageId(), message.sequenceNumber);
    }

    @Override
    public void cancelScheduled(ScheduledEvent scheduled) {
        Instant now = clock.instant();
        endpoints.values().forEach(e -> e.messages.removeIf(m ->
                m.sequenceNumber == scheduled.sequenceNumber() && m.visibleAt.isAfter(now)));
    }

    @Override
    public Consumption consume(ReceiveEndpoint endpoint, EventHandler handler) {
        Endpoint target = endpoint(endpoint);
        if (endpoint.requiresSession()) {
            throw new IllegalArgumentException(endpoint + " requires sessions: use consumeSessions");
        }
        target.handler = handler;
        return () -> target.handler = null;
    }

    @Override
    public Consumption consumeSessions(ReceiveEndpoint endpoint, SessionEventHandler handler) {
        Endpoint target = endpoint(endpoint);
        if (!endpoint.requiresSession()) {
            throw new IllegalArgumentException(endpoint + " does not require sessions: use consume");
        }
        target.sessionHandler = handler;
        return () -> target.sessionHandler = null;
    }

    /** Delivers every message that is visible now to its handler, until none is left; returns how many. */
    public int deliverDue() {
        int delivered = 0;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (Endpoint endpoint : endpoints.values()) {
                if (!endpoint.hasHandler()) {
                    continue;
                }
                Optional<Message> next = endpoint.nextVisible(clock.instant());
                if (next.isPresent()) {
                    endpoint.messages.remove(next.get());
                    dispatch(endpoint, next.get());
                    progressed = true;
                    if (++delivered > DELIVERY_LIMIT) {
                        throw new IllegalStateException("more than " + DELIVERY_LIMIT + " deliveries: a handler loops");
                    }
                }
            }
        }
        return delivered;
    }

    /** Messages waiting on the endpoint (visible or scheduled). */
    public int pending(String entityPath) {
        return endpoints.get(entityPath).messages.size();
    }

    public List<DeadLettered> deadLetters(String entityPath) {
        return List.copyOf(endpoints.get(entityPath).deadLetters);
    }

    public Optional<byte[]> sessionState(String entityPath, String sessionId) {
        return Optional.ofNullable(endpoints.get(entityPath).sessionStates.get(sessionId));
    }

    /** Puts a raw body on a topic, as an outside tool could; for tests of invalid input. */
    public void publishRaw(String topic, String messageId, String sessionId, byte[] body) {
        send(topic, new Message(nextSequenceNumber++, messageId, sessionId, body, Optional.empty(), clock.instant(), 0, null));
    }

    @Override
    public void close() {
        endpoints.values().forEach(e -> {
            e.handler = null;
            e.sessionHandler = null;
        });
    }

    private Message newMessage(Event event, TraceContext trace, Instant visibleAt) {
        return new Message(nextSequenceNumber++, event.messageId(), event.sessionId(), codec.encode(event),
                Optional.ofNullable(trace), visibleAt, 0, null);
    }

    private void send(String entity, Message message) {
        Optional<TopicSpec> topic = topology.topic(entity);
        boolean dedupe = topic.map(TopicSpec::requiresDuplicateDetection)
                .orElseGet(() -> topology.queue(entity).orElseThrow().requiresDuplicateDetection());
        if (dedupe && isDuplicate(entity, message.messageId,
                topic.map(t -> t.settings()).orElseGet(() -> topology.queue(entity).orElseThrow().settings())
                        .duplicateDetectionHistoryTimeWindow())) {
            return;
        }
        if (topic.isEmpty()) {
            endpoints.get(entity).messages.add(message.copy());
            return;
        }
        for (SubscriptionSpec sub : topic.get().subscriptions()) {
            String target = sub.forwardTo().orElse(sub.entityPath());
            endpoints.get(target).messages.add(message.copy());
        }
    }

    private boolean isDuplicate(String entity, String messageId, java.time.Duration window) {
        Map<String, Instant> seen = seenMessageIds.computeIfAbsent(entity, k -> new HashMap<>());
        Instant now = clock.instant();
        Instant earlier = seen.get(messageId);
        if (earlier != null && earlier.plus(window).isAfter(now)) {
            return true;
        }
        seen.put(messageId, now);
        return false;
    }

    private void dispatch(Endpoint endpoint, Message message) {
        if (message.retryFor != null && !message.retryFor.equals(endpoint.spec.entityPath())) {
            return; // a delayed retry copy meant for another subscription of the same topic
        }
        Event event;
        try {
            event = codec.decode(message.body);
        } catch (InvalidEventException e) {
            endpoint.deadLetter(message, DeadLetterReasons.INVALID_EVENT, e.getMessage());
            return;
        }
        Delivery delivery = new Delivery(event, message.messageId, message.trace, message.deliveryCount, message.retries,
                message.sequenceNumber, message.visibleAt, endpoint.spec.entityPath());
        Settlement settlement;
        InMemorySessionState state = null;
        try {
            if (endpoint.sessionHandler != null) {
                Instant now = clock.instant();
                boolean more = endpoint.messages.stream()
                        .anyMatch(m -> message.sessionId.equals(m.sessionId) && !m.visibleAt.isAfter(now));
                state = new InMemorySessionState(message.sessionId, endpoint.sessionStates.get(message.sessionId), more);
                settlement = endpoint.sessionHandler.handle(delivery, state);
            } else {
                settlement = endpoint.handler.handle(delivery);
            }
            if (settlement == null) {
                throw new IllegalStateException("handler returned no settlement");
            }
        } catch (Exception e) {
            abandon(endpoint, message);
            return;
        }
        if (state != null && state.written) {
            if (state.value == null || state.value.length == 0) {
                endpoint.sessionStates.remove(message.sessionId);
            } else {
                endpoint.sessionStates.put(message.sessionId, state.value);
            }
        }
        settle(endpoint, message, settlement);
    }

    private void settle(Endpoint endpoint, Message message, Settlement settlement) {
        if (settlement instanceof Settlement.DeadLetter dead) {
            endpoint.deadLetter(message, dead.reason(), dead.description());
        } else if (settlement instanceof Settlement.RetryLater retry && retry.delay().isZero()) {
            abandon(endpoint, message);
        } else if (settlement instanceof Settlement.RetryLater retry) {
            int retries = message.retries + 1;
            Message copy = new Message(nextSequenceNumber++,
                    MessageIds.bounded(originalId(message) + "/retry-" + retries), message.sessionId, message.body,
                    message.trace, clock.instant().plus(retry.delay()), retries,
                    endpoint.spec.isQueue() ? null : endpoint.spec.entityPath());
            send(endpoint.spec.sendTarget(), copy);
        }
    }

    private static String originalId(Message message) {
        int cut = message.messageId.lastIndexOf("/retry-");
        return message.retries > 0 && cut > 0 ? message.messageId.substring(0, cut) : message.messageId;
    }

    private void abandon(Endpoint endpoint, Message message) {
        message.deliveryCount++;
        if (message.deliveryCount >= endpoint.spec.settings().maxDeliveryCount()) {
            endpoint.deadLetter(message, MAX_DELIVERY_COUNT_EXCEEDED,
                    "delivered " + message.deliveryCount + " times without being completed");
        } else {
            message.visibleAt = clock.instant();
            endpoint.messages.add(message);
        }
    }

    private Endpoint endpoint(ReceiveEndpoint spec) {
        Endpoint endpoint = endpoints.get(spec.entityPath());
        if (endpoint == null) {
            throw new IllegalArgumentException("topology has no receive endpoint " + spec);
        }
        return endpoint;
    }

    private static final class Message {
        final long sequenceNumber;
        final String messageId;
        final String sessionId;
        final byte[] body;
        final Optional<TraceContext> trace;
        final int retries;
        final String retryFor;
        Instant visibleAt;
        int deliveryCount;

        Message(long sequenceNumber, String messageId, String sessionId, byte[] body, Optional<TraceContext> trace,
                Instant visibleAt, int retries, String retryFor) {
            this.sequenceNumber = sequenceNumber;
            this.messageId = messageId;
            this.sessionId = sessionId;
            this.body = body;
            this.trace = trace;
            this.visibleAt = visibleAt;
            this.retries = retries;
            this.retryFor = retryFor;
        }

        Message copy() {
            return new Message(sequenceNumber, messageId, sessionId, body, trace, visibleAt, retries, retryFor);
        }
    }

    private static final class Endpoint {
        final ReceiveEndpoint spec;
        final List<Message> messages = new ArrayList<>();
        final List<DeadLettered> deadLetters = new ArrayList<>();
        final Map<String, byte[]> sessionStates = new HashMap<>();
        EventHandler handler;
        SessionEventHandler sessionHandler;

        Endpoint(ReceiveEndpoint spec) {
            this.spec = spec;
        }

        boolean hasHandler() {
            return handler != null || sessionHandler != null;
        }

        Optional<Message> nextVisible(Instant now) {
            return messages.stream().filter(m -> !m.visibleAt.isAfter(now))
                    .min(Comparator.comparing((Message m) -> m.visibleAt).thenComparingLong(m -> m.sequenceNumber));
        }

        void deadLetter(Message message, String reason, String description) {
            deadLetters.add(new DeadLettered(message.messageId, message.sessionId, reason, description, message.body));
        }
    }

    private static final class InMemorySessionState implements SessionState {
        private final String sessionId;
        private byte[] value;
        private boolean written;
        private final boolean moreReceived;

        /** @param moreReceived whether more of the session's messages are visible now, so this bus hands them over next */
        InMemorySessionState(String sessionId, byte[] value, boolean moreReceived) {
            this.sessionId = sessionId;
            this.value = value;
            this.moreReceived = moreReceived;
        }

        @Override
        public boolean moreReceived() {
            return moreReceived;
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        @Override
        public Optional<byte[]> get() {
            return value == null || value.length == 0 ? Optional.empty() : Optional.of(value.clone());
        }

        @Override
        public void set(byte[] state) {
            value = state == null ? null : state.clone();
            written = true;
        }
    }
}
