package io.avdroll.trigger;

import io.avdroll.bus.EventBus;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.service.ServiceConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** What the schedules and the image watch share: the pools' keys, and publishing their requests. */
public class TriggerBeans {

    @Produces
    @Singleton
    PoolKeys poolKeys(ServiceConfig config) {
        return PoolKeys.from(config.withPrefix(PoolKeys.PREFIX));
    }

    @Produces
    @Singleton
    RolloutStarter rolloutStarter(EventBus bus, RolloutRecords records) {
        return new RolloutStarter(bus, records);
    }
}
