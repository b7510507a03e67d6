package io.avdroll.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends alerts to every sink, once per condition: a source reports the conditions it sees now, the dispatcher
 * sends those it has not sent yet and forgets those that cleared (so a condition that comes back alerts again).
 */
public final class AlertDispatcher {

    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);

    private final List<AlertSink> sinks;
    private final MeterRegistry registry;
    private final Map<String, Set<String>> activeBySource = new ConcurrentHashMap<>();

    public AlertDispatcher(List<AlertSink> sinks, MeterRegistry registry) {
        this.sinks = List.copyOf(sinks);
        this.registry = registry;
    }

    /** {@code current}: every condition {@code source} sees now. Returns the alerts sent (the new ones). */
    public synchronized List<Alert> report(String source, List<Alert> current) {
        Set<String> before = activeBySource.getOrDefault(source, Set.of());
        List<Alert> fresh = current.stream().filter(a -> !before.contains(a.key())).toList();
        Set<String> now = new HashSet<>();
        current.forEach(a -> now.add(a.key()));
        activeBySource.put(source, now);
        fresh.forEach(this::send);
        return fresh;
    }

    /** Sends one alert at once, without de-duplication (e.g. each new dead-lettered message). */
    public void send(Alert alert) {
        Counter.builder("avdroll.alerts").description("Alerts raised").tag("kind", alert.kind().name())
                .register(registry).increment();
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("alert %s not delivered to %s: %s", alert.key(), sink.name(), e.getMessage());
                Counter.builder("avdroll.alerts.undelivered").tag("sink", sink.name()).register(registry).increment();
            }
        }
    }

    public List<String> sinkNames() {
        return sinks.stream().map(AlertSink::name).toList();
    }
}
