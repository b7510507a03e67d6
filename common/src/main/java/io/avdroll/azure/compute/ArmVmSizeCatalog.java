package io.avdroll.azure.compute;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.failure.AzureFailures;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Reads VM size capabilities from the resource SKUs API, once per region and size (they do not change). */
public final class ArmVmSizeCatalog implements VmSizeCatalog {

    /** The compute client is asked for at each call, so it is built when first needed, not when this is. */
    private final AzureConnection connection;
    private final Map<String, Optional<VmSizeCapabilities>> cache = new ConcurrentHashMap<>();

    public ArmVmSizeCatalog(AzureConnection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<VmSizeCapabilities> capabilities(String location, String size) {
        String key = normalise(location) + "|" + size.toLowerCase(java.util.Locale.ROOT);
        return cache.computeIfAbsent(key, k -> lookup(location, size));
    }

    private Optional<VmSizeCapabilities> lookup(String location, String size) {
        return AzureFailures.call("list VM sizes in " + location, () -> {
            for (ResourceSkuInner sku : connection.compute().getResourceSkus()
                .list("location eq '" + normalise(location) + "'", null, Context.NONE)) {
                if ("virtualMachines".equalsIgnoreCase(sku.resourceType()) && size.equalsIgnoreCase(sku.name())) {
                    Map<String, String> capabilities = new HashMap<>();
                    if (sku.capabilities() != null) {
                        for (ResourceSkuCapabilities c : sku.capabilities()) {
                            capabilities.put(c.name(), c.value());
                        }
                    }
                    return Optional.of(VmSizeCapabilities.fromSkuCapabilities(sku.name(), capabilities));
                }
            }
            return Optional.<VmSizeCapabilities>empty();
        });
    }

    private static String normalise(String location) {
        return location.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }
}
