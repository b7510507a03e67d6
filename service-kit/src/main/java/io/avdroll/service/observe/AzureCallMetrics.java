package io.avdroll.service.observe;

import io.avdroll.azure.calls.AzureCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * ARM calls by operation: {@code avdroll_azure_calls_seconds} (a timer, so count and time, tagged with the
 * status class) and {@code avdroll_azure_throttled_total} (429 answers, retried or not).
 */
public final class AzureCallMetrics implements AzureCallObserver {

    private final MeterRegistry registry;

    public AzureCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(String operation, int status, Duration elapsed) {
        Timer.builder("avdroll.azure.calls").description("ARM HTTP attempts, retries included")
                .tag("operation", operation).tag("status", statusClass(status)).register(registry).record(elapsed);
        if (AzureCallObserver.throttled(status)) {
            Counter.builder("avdroll.azure.throttled").description("ARM attempts answered 429 Too Many Requests")
                    .tag("operation", operation).register(registry).increment();
        }
    }

    static String statusClass(int status) {
        if (status == 0) {
            return "no-response";
        }
        return status == 429 ? "429" : (status / 100) + "xx";
    }
}
