package io.avdroll.service;

import io.avdroll.bus.EventBus;
import io.avdroll.bus.servicebus.ServiceBusEventBus;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.events.EventCodec;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
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
    EventBus eventBus(ServiceConfig config, Topology topology, EventCodec codec, Clock clock) {
        return new ServiceBusEventBus(ServiceBusSettings.from(config.values(ServiceBusSettings.KEYS)), topology, codec, clock);
    }

    void close(@Disposes EventBus bus) {
        bus.close();
    }
}
