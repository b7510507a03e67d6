package io.avdroll.service;

import io.avdroll.bus.DeadLetterQueues;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.servicebus.ServiceBusDeadLetterQueues;
import io.avdroll.bus.servicebus.ServiceBusEventBus;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.events.EventCodec;
import io.avdroll.service.observe.BusMetrics;
import io.avdroll.service.observe.ObservedEventBus;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The event bus over Service Bus, declared by the one topology file; built at start so bad keys fail fast. */
public class BusClients {

    @Produces
    @Singleton
    Topology topology() {
        return TopologyReader.fromClasspath();
    }

    @Produces
    @Singleton
    EventCodec codec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    @Startup
    EventBus eventBus(ServiceConfig config, Topology topology, EventCodec codec, Clock clock, MeterRegistry registry,
                      Tracer tracer) {
        ServiceBusEventBus bus = new ServiceBusEventBus(ServiceBusSettings.from(config.values(ServiceBusSettings.KEYS)),
                topology, codec, clock, new BusMetrics(registry));
        return new ObservedEventBus(bus, tracer, registry, clock);
    }

    /** The dead-letter sub-queues of every queue and subscription, for the watcher and re-submit. */
    @Produces
    @Singleton
    DeadLetterQueues deadLetterQueues(ServiceConfig config, Topology topology) {
        return new ServiceBusDeadLetterQueues(ServiceBusSettings.from(config.values(ServiceBusSettings.KEYS)), topology);
    }

    void close(@Disposes DeadLetterQueues queues) {
        queues.close();
    }

    void close(@Disposes EventBus bus) {
        bus.close();
    }
}
