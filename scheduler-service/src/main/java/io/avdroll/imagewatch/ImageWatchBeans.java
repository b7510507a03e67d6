package io.avdroll.imagewatch;

import io.avdroll.azure.client.AzureConnection;
import io.avdroll.trigger.PoolKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the watched pools when the service starts, so a bad key stops it naming the key. */
public class ImageWatchBeans {

    @Produces
    @Singleton
    @Startup
    WatchedPools watchedPools(PoolKeys keys, AzureConnection connection) {
        return WatchedPools.from(keys, connection.config().subscriptionId());
    }
}
