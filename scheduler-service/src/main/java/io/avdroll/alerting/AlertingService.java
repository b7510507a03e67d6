package io.avdroll.alerting;

import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.bus.DeadLetterQueues;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.report.ReportHistory;
import io.avdroll.service.ServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires alerting into scheduler-service (the one service that sees every rollout): the sinks from
 * {@code avdroll.alerts.*}, the dead-letter watcher over every queue and subscription, the rollout watcher, and
 * the re-submit and report beans the API and CLI use. Both watchers run on one daemon thread.
 */
@ApplicationScoped
public class AlertingService {

    private static final Logger LOG = Logger.getLogger(AlertingService.class);

    private ScheduledExecutorService timer;

    @Produces
    @Singleton
    @Startup
    AlertSettings settings(ServiceConfig config) {
        return AlertSettings.from(config::get);
    }

    @Produces
    @Singleton
    AlertDispatcher dispatcher(AlertSettings settings, MeterRegistry registry) {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink());
        settings.webhook().ifPresent(url -> sinks.add(new WebhookAlertSink(url, settings.webhookTimeout())));
        return new AlertDispatcher(sinks, registry);
    }

    @Produces
    @Singleton
    ReportHistory reportHistory(AlertSettings settings) {
        return new ReportHistory(settings.reportHistory());
    }

    @Produces
    @Singleton
    DeadLetterWatcher deadLetterWatcher(DeadLetterQueues queues, AlertDispatcher dispatcher, MeterRegistry registry, Clock clock) {
        return new DeadLetterWatcher(queues, dispatcher, registry, clock);
    }

    @Produces
    @Singleton
    DeadLetterResubmitter resubmitter(DeadLetterQueues queues, MeterRegistry registry) {
        return new DeadLetterResubmitter(queues, registry);
    }

    @Produces
    @Singleton
    RolloutWatcher rolloutWatcher(RolloutRecords records, HostPools hostPools, SessionHosts sessionHosts,
                                  AlertDispatcher dispatcher, ReportHistory reports, MeterRegistry registry, Clock clock,
                                  AlertSettings settings) {
        return new RolloutWatcher(records, hostPools, sessionHosts, dispatcher, reports, registry, clock,
                settings.inFlightAllowance());
    }

    void start(@Observes StartupEvent started, AlertSettings settings, DeadLetterWatcher deadLetters, RolloutWatcher rollouts,
               AlertDispatcher dispatcher) {
        if (!settings.enabled()) {
            LOG.info("alerting disabled (" + AlertSettings.ENABLED + "=false)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alerting");
            t.setDaemon(true);
            return t;
        });
        every(settings.deadLetterInterval(), deadLetters::poll);
        every(settings.evaluateInterval(), rollouts::evaluate);
        LOG.infof("alerting to %s: dead-letter queues every %s, rollouts every %s", dispatcher.sinkNames(),
                settings.deadLetterInterval(), settings.evaluateInterval());
    }

    private void every(Duration interval, Runnable work) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warnf("alerting round failed: %s", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
