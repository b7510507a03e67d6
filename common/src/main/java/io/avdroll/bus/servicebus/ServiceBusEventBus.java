package io.avdroll.bus.servicebus;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.avdroll.bus.Consumption;
import io.avdroll.bus.DeliveryObserver;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.EventHandler;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.SessionEventHandler;
import io.avdroll.bus.TraceContext;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.Topology;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The EventBus port on Azure Service Bus ({@code azure-messaging-servicebus}). Events go to the topic
 * named after their type; consumption uses peek-lock with explicit settlement (auto-complete off), a
 * {@link ServiceBusProcessorClient} for plain endpoints and the session receiver for session-enabled ones.
 * All clients share one AMQP connection.
 */
public final class ServiceBusEventBus implements EventBus {

    private static final System.Logger LOG = System.getLogger(ServiceBusEventBus.class.getName());

    private final Topology topology;
    private final EventCodec codec;
    private final ServiceBusSettings settings;
    private final ServiceBusClientBuilder builder;
    private final Dispatcher dispatcher;
    private final Map<String, ServiceBusSenderClient> senders = new ConcurrentHashMap<>();
    private final List<Consumption> consumptions = new CopyOnWriteArrayList<>();

    public ServiceBusEventBus(ServiceBusSettings settings, Topology topology, EventCodec codec, Clock clock) {
        this(settings, topology, codec, clock, DeliveryObserver.NONE);
    }

    /** With {@code observer} told how every received message ended (for metrics). */
    public ServiceBusEventBus(ServiceBusSettings settings, Topology topology, EventCodec codec, Clock clock,
                              DeliveryObserver observer) {
        this.topology = topology;
        this.codec = codec;
        this.settings = settings;
        int handlerThreads = HandlerThreads.ensureRoom(settings);
        this.builder = new ServiceBusClientBuilder()
                .retryOptions(new AmqpRetryOptions().setTryTimeout(settings.tryTimeout()));
        settings.connectionString().ifPresentOrElse(builder::connectionString,
                () -> builder.credential(settings.fullyQualifiedNamespace(), new DefaultAzureCredentialBuilder().build()));
        this.dispatcher = new Dispatcher(codec, clock, this::schedule, observer);
        LOG.log(Level.INFO, "Service Bus event bus on {0}, handler threads up to {1}", settings, handlerThreads);
    }

    @Override
    public void publish(Event event, TraceContext trace) {
        sender(topicOf(event)).sendMessage(MessageMapping.toMessage(event, codec.encode(event), trace));
    }

    @Override
    public ScheduledEvent publishAt(Event event, Instant visibleAt, TraceContext trace) {
        ServiceBusMessage message = MessageMapping.toMessage(event, codec.encode(event), trace);
        long sequenceNumber = schedule(topicOf(event), message, OffsetDateTime.ofInstant(visibleAt, ZoneOffset.UTC));
        return new ScheduledEvent(event.type(), event.messageId(), sequenceNumber);
    }

    @Override
    public void cancelScheduled(ScheduledEvent scheduled) {
        sender(topology.topicFor(scheduled.type()).name()).cancelScheduledMessage(scheduled.sequenceNumber());
    }

    @Override
    public Consumption consume(ReceiveEndpoint endpoint, EventHandler handler) {
        ReceiveEndpoint known = topology.endpoint(endpoint.entityPath());
        if (known.requiresSession()) {
            throw new IllegalArgumentException(known + " requires sessions: use consumeSessions");
        }
        var processorBuilder = builder.processor()
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxAutoLockRenewDuration(settings.maxLockRenewal())
                .processMessage(context -> dispatcher.dispatch(known, context.getMessage(), settlerFor(context),
                        handler::handle))
                .processError(error -> LOG.log(Level.WARNING, "receive error on {0}: {1}", known,
                        error.getException().getMessage()));
        if (known.isQueue()) {
            processorBuilder.queueName(known.queueOrTopic());
        } else {
            processorBuilder.topicName(known.queueOrTopic()).subscriptionName(known.subscription().orElseThrow());
        }
        ServiceBusProcessorClient processor = processorBuilder.buildProcessorClient();
        processor.start();
        return track(new Consumption() {
            @Override
            public void close() {
                processor.close();
            }

            @Override
            public boolean running() {
                return processor.isRunning();
            }
        });
    }

    @Override
    public Consumption consumeSessions(ReceiveEndpoint endpoint, SessionEventHandler handler) {
        ReceiveEndpoint known = topology.endpoint(endpoint.entityPath());
        if (!known.requiresSession()) {
            throw new IllegalArgumentException(known + " does not require sessions: use consume");
        }
        var sessionBuilder = builder.sessionReceiver()
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete()
                .maxAutoLockRenewDuration(settings.maxLockRenewal());
        if (known.isQueue()) {
            sessionBuilder.queueName(known.queueOrTopic());
        } else {
            sessionBuilder.topicName(known.queueOrTopic()).subscriptionName(known.subscription().orElseThrow());
        }
        return track(new SessionPump(known, sessionBuilder.buildClient(), handler, dispatcher,
                settings.maxConcurrentSessions(), settings.sessionIdleTimeout()));
    }

    @Override
    public void close() {
        consumptions.forEach(Consumption::close);
        consumptions.clear();
        senders.values().forEach(ServiceBusSenderClient::close);
        senders.clear();
    }

    private long schedule(String entity, ServiceBusMessage message, OffsetDateTime at) {
        return sender(entity).scheduleMessage(message, at);
    }

    private String topicOf(Event event) {
        return topology.topicFor(event.type()).name();
    }

    private ServiceBusSenderClient sender(String entity) {
        return senders.computeIfAbsent(entity, name -> topology.queue(name).isPresent()
                ? builder.sender().queueName(name).buildClient()
                : builder.sender().topicName(name).buildClient());
    }

    private Consumption track(Consumption consumption) {
        Consumption tracked = new Consumption() {
            @Override
            public void close() {
                if (consumptions.remove(this)) {
                    consumption.close();
                }
            }

            @Override
            public boolean running() {
                return consumptions.contains(this) && consumption.running();
            }
        };
        consumptions.add(tracked);
        return tracked;
    }

    private static Settler settlerFor(ServiceBusReceivedMessageContext context) {
        return new Settler() {
            @Override
            public void complete() {
                context.complete();
            }

            @Override
            public void abandon() {
                context.abandon();
            }

            @Override
            public void deadLetter(DeadLetterOptions options) {
                context.deadLetter(options);
            }
        };
    }
}
