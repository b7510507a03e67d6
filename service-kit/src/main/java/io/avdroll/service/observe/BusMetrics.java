package io.avdroll.service.observe;

import io.avdroll.bus.DeliveryObserver;
import io.avdroll.bus.DeliveryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Messages by topic and how they ended, as Prometheus counters: {@code avdroll_messages_handled_total},
 * {@code avdroll_messages_retried_total}, {@code avdroll_messages_failed_total} (handler threw, abandoned) and
 * {@code avdroll_messages_dead_lettered_total} (with the reason).
 */
public final class BusMetrics implements DeliveryObserver {

    private final MeterRegistry registry;

    public BusMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void observed(DeliveryOutcome outcome) {
        Counter.Builder counter = switch (outcome.kind()) {
            case HANDLED -> Counter.builder("avdroll.messages.handled").description("Messages a handler completed");
            case RETRIED -> Counter.builder("avdroll.messages.retried").description("Messages a handler asked to see again later");
            case FAILED -> Counter.builder("avdroll.messages.failed").description("Messages abandoned because the handler threw");
            case DEAD_LETTERED -> Counter.builder("avdroll.messages.dead.lettered")
                    .description("Messages moved to the dead-letter queue").tag("reason", outcome.reason());
        };
        counter.tag("topic", outcome.topic()).tag("endpoint", outcome.endpoint()).register(registry).increment();
    }
}
