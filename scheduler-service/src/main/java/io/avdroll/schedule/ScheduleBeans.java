package io.avdroll.schedule;

import io.avdroll.azure.client.AzureConnection;
import io.avdroll.coordinator.PoolSpecs;
import io.avdroll.trigger.PoolKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the schedules when the service starts, so a bad key stops it naming the key. */
public class ScheduleBeans {

    private static final String NO_TARGET = "schedule-check";

    @Produces
    @Singleton
    @Startup
    PoolSchedules poolSchedules(PoolKeys keys, AzureConnection connection, PoolSpecs specs) {
        return new PoolSchedules(ScheduleConfig.from(keys, connection.config().subscriptionId(),
                pool -> specs.configured(pool, NO_TARGET).maintenanceWindow()));
    }
}
