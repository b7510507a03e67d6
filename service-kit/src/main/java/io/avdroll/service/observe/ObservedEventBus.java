package io.avdroll.service.observe;

import io.avdroll.bus.Consumption;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.EventHandler;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.SessionEventHandler;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.TraceContext;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.Event;
import io.avdroll.events.FollowUp;
import io.avdroll.events.HostEvent;
import io.avdroll.events.HostFailed;
import io.avdroll.topology.ReceiveEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event bus every service uses, decorated so handlers need not know about observability:
 * <ul>
 *   <li>each handled message is a CONSUMER span, child of the {@code traceparent} it carried, and what the handler
 *       publishes carries that span's context on; a {@code drain-requested} sent by anyone but drain-service itself
 *       starts a new trace, so <b>one trace is one host's journey</b> (drain, redeploy, verify, verdict);</li>
 *   <li>the rollout, pool, host and stage are in the logging MDC while the handler runs;</li>
 *   <li>a stage's duration ({@code avdroll_stage_duration_seconds}) is recorded when its handler sends the next
 *       stage's event, from the {@code stageStartedAt} every follow-up carries;</li>
 *   <li>its consumptions can be asked whether they still run (liveness).</li>
 * </ul>
 * With the OpenTelemetry SDK disabled the incoming {@code traceparent} is still passed on unchanged.
 */
public final class ObservedEventBus implements EventBus {

    public static final String MDC_ROLLOUT = "rolloutId";
    public static final String MDC_POOL = "hostPool";
    public static final String MDC_HOST = "host";
    public static final String MDC_STAGE = "stage";
    public static final String MDC_MESSAGE = "messageId";
    private static final List<String> MDC_KEYS = List.of(MDC_ROLLOUT, MDC_POOL, MDC_HOST, MDC_STAGE, MDC_MESSAGE);
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final ThreadLocal<Delivery> HANDLING = new ThreadLocal<>();

    private final EventBus delegate;
    private final Tracer tracer;
    private final MeterRegistry registry;
    private final Clock clock;
    private final List<Consumption> consumptions = new CopyOnWriteArrayList<>();

    public ObservedEventBus(EventBus delegate, Tracer tracer, MeterRegistry registry, Clock clock) {
        this.delegate = delegate;
        this.tracer = tracer;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void publish(Event event, TraceContext trace) {
        recordStageEnd(event);
        delegate.publish(event, trace != null ? trace : outgoing(event).orElse(null));
    }

    @Override
    public ScheduledEvent publishAt(Event event, Instant visibleAt, TraceContext trace) {
        recordStageEnd(event);
        return delegate.publishAt(event, visibleAt, trace != null ? trace : outgoing(event).orElse(null));
    }

    @Override
    public void cancelScheduled(ScheduledEvent scheduled) {
        delegate.cancelScheduled(scheduled);
    }

    @Override
    public Consumption consume(ReceiveEndpoint endpoint, EventHandler handler) {
        return track(delegate.consume(endpoint, delivery -> around(delivery, () -> handler.handle(delivery))));
    }

    @Override
    public Consumption consumeSessions(ReceiveEndpoint endpoint, SessionEventHandler handler) {
        return track(delegate.consumeSessions(endpoint, (delivery, state) -> around(delivery, () -> handler.handle(delivery, state))));
    }

    /** Whether every consumption started through this bus and not closed still receives. */
    public boolean consumersRunning() {
        return consumptions.stream().allMatch(Consumption::running);
    }

    public int consumptionCount() {
        return consumptions.size();
    }

    @Override
    public void close() {
        consumptions.clear();
        delegate.close();
    }

    private interface Call {
        Settlement call() throws Exception;
    }

    private Settlement around(Delivery delivery, Call call) throws Exception {
        Event event = delivery.event();
        Context parent = delivery.trace().map(ObservedEventBus::extract).orElse(Context.root());
        Span span = tracer.spanBuilder("process " + event.type().wireName()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "servicebus")
                .setAttribute("messaging.destination.name", delivery.endpoint())
                .setAttribute("messaging.message.id", delivery.messageId())
                .setAttribute("avdroll.rollout", event.rolloutId())
                .setAttribute("avdroll.host_pool", event.hostPool())
                .setAttribute("avdroll.host", hostOf(event).orElse(""))
                .setAttribute("avdroll.stage", event.type().wireName())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            putMdc(delivery);
            HANDLING.set(delivery);
            Settlement settlement = call.call();
            if (settlement instanceof Settlement.DeadLetter dead) {
                span.setStatus(StatusCode.ERROR, "dead-lettered: " + dead.reason());
            } else if (settlement instanceof Settlement.RetryLater retry) {
                span.setAttribute("avdroll.retry_reason", retry.reason());
            }
            return settlement;
        } catch (Exception e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            HANDLING.remove();
            MDC_KEYS.forEach(MDC::remove);
            span.end();
        }
    }

    /**
     * The context to send on: a new trace for a host's journey, else the span handling the current message (or,
     * with no tracer, the trace the current message came with).
     */
    private Optional<TraceContext> outgoing(Event event) {
        Delivery handling = HANDLING.get();
        if (event instanceof DrainRequested drain && !(handling != null && handling.event() instanceof DrainRequested)) {
            Span journey = tracer.spanBuilder("host journey " + drain.hostPool() + "/" + drain.host())
                    .setNoParent().setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("avdroll.rollout", drain.rolloutId())
                    .setAttribute("avdroll.host_pool", drain.hostPool())
                    .setAttribute("avdroll.host", drain.host())
                    .setAttribute("avdroll.attempt", drain.attempt())
                    .addLink(Span.current().getSpanContext())
                    .startSpan();
            journey.end();
            return inject(Context.root().with(journey));
        }
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            return inject(Context.current());
        }
        return handling == null ? Optional.empty() : handling.trace();
    }

    private void recordStageEnd(Event next) {
        Delivery handling = HANDLING.get();
        if (handling == null || !(handling.event() instanceof FollowUp stage) || next.type() == handling.event().type()
                || !(next instanceof HostEvent host) || !host.host().equals(stage.host()) || stage.stageStartedAt() == null) {
            return;
        }
        Duration took = Duration.between(stage.stageStartedAt(), clock.instant());
        if (took.isNegative()) {
            return;
        }
        Timer.builder("avdroll.stage.duration").description("Time a host spent in a stage, from its start to the next stage's event")
                .tag("stage", stageName(stage)).tag("outcome", next instanceof HostFailed ? "failed" : "done")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(4))
                .register(registry).record(took);
    }

    static String stageName(FollowUp stage) {
        return switch (stage.type()) {
            case DRAIN_REQUESTED -> "drain";
            case HOST_DRAINED -> "redeploy";
            case HOST_REDEPLOYED -> "verify";
            default -> stage.type().wireName();
        };
    }

    private Consumption track(Consumption consumption) {
        Consumption tracked = new Consumption() {
            @Override
            public void close() {
                consumptions.remove(this);
                consumption.close();
            }

            @Override
            public boolean running() {
                return consumption.running();
            }
        };
        consumptions.add(tracked);
        return tracked;
    }

    private static void putMdc(Delivery delivery) {
        Event event = delivery.event();
        MDC.put(MDC_ROLLOUT, event.rolloutId());
        MDC.put(MDC_POOL, event.hostPool());
        hostOf(event).ifPresent(host -> MDC.put(MDC_HOST, host));
        MDC.put(MDC_STAGE, event.type().wireName());
        MDC.put(MDC_MESSAGE, delivery.messageId());
    }

    private static Optional<String> hostOf(Event event) {
        return event instanceof HostEvent host ? Optional.of(host.host()) : Optional.empty();
    }

    private static Context extract(TraceContext trace) {
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TraceContext.TRACEPARENT, trace.traceparent());
        trace.tracestate().ifPresent(state -> carrier.put(TraceContext.TRACESTATE, state));
        return W3C.extract(Context.root(), carrier, MAP_GETTER);
    }

    private static Optional<TraceContext> inject(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return TraceContext.parse(carrier.get(TraceContext.TRACEPARENT), carrier.get(TraceContext.TRACESTATE));
    }

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
