package io.avdroll.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmCall;
import io.avdroll.emulator.arm.ArmResponse;
import io.avdroll.emulator.arm.ArmRouter;
import io.avdroll.emulator.arm.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource SKUs ({@code GET /subscriptions/{id}/providers/Microsoft.Compute/skus}): the VM sizes a session host
 * pool typically uses, with the capabilities that decide where an ephemeral OS disk can live. Figures follow the
 * published size tables (cache and temp disk sizes of the Ddsv5 family, an NVMe-only v6 size, a size with no local
 * disk at all), so a caller's placement choice is exercised as it would be in a region.
 */
public final class ResourceSkuRoutes {

    private static final Pattern LOCATION_FILTER = Pattern.compile("location\\s+eq\\s+'([^']+)'", Pattern.CASE_INSENSITIVE);
    private static final List<String> LOCATIONS = List.of("westeurope", "northeurope", "eastus", "eastus2", "westus2",
            "uksouth", "germanywestcentral", "australiaeast");

    /** size → capabilities as ARM lists them (every value a string). */
    private static final Map<String, Map<String, String>> SIZES = Map.of(
            "Standard_D4ds_v5", capabilities(4, 16, true, "ResourceDisk,CacheDisk", 107_374_182_400L, 153_600, 0),
            "Standard_D8ds_v5", capabilities(8, 32, true, "ResourceDisk,CacheDisk", 214_748_364_800L, 307_200, 0),
            "Standard_D16ds_v5", capabilities(16, 64, true, "ResourceDisk,CacheDisk", 429_496_729_600L, 614_400, 0),
            "Standard_E8ds_v5", capabilities(8, 64, true, "ResourceDisk,CacheDisk", 214_748_364_800L, 307_200, 0),
            "Standard_D8lds_v6", capabilities(8, 16, true, "NvmeDisk", 0, 0, 450_560),
            "Standard_D4s_v5", capabilities(4, 16, false, "", 107_374_182_400L, 0, 0),
            "Standard_D8s_v5", capabilities(8, 32, false, "", 214_748_364_800L, 0, 0));

    public void register(ArmRouter router) {
        router.add("GET", "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus",
                "Microsoft.Compute/skus/read", this::list);
    }

    private ArmResponse list(ArmCall call) {
        String location = locationFilter(call.query("$filter"));
        ArrayNode value = Json.array();
        for (String size : new java.util.TreeSet<>(SIZES.keySet())) {
            for (String region : LOCATIONS) {
                if (location == null || location.equals(region)) {
                    value.add(sku(size, region));
                }
            }
        }
        ObjectNode body = Json.object();
        body.set("value", value);
        return ArmResponse.ok(body);
    }

    static String locationFilter(String filter) {
        if (filter == null) {
            return null;
        }
        Matcher m = LOCATION_FILTER.matcher(filter);
        return m.find() ? m.group(1).replace(" ", "").toLowerCase(Locale.ROOT) : null;
    }

    private static ObjectNode sku(String size, String region) {
        ObjectNode sku = Json.object();
        sku.put("resourceType", "virtualMachines");
        sku.put("name", size);
        sku.put("tier", "Standard");
        sku.put("size", size.substring("Standard_".length()));
        sku.put("family", "standard" + size.replaceAll("Standard_[A-Z]+[0-9]+", "").replace("_", "") + "Family");
        sku.putArray("locations").add(region);
        ObjectNode info = sku.putArray("locationInfo").addObject();
        info.put("location", region);
        info.putArray("zones").add("1").add("2").add("3");
        ArrayNode caps = sku.putArray("capabilities");
        SIZES.get(size).forEach((name, value) -> caps.addObject().put("name", name).put("value", value));
        sku.putArray("restrictions");
        return sku;
    }

    private static Map<String, String> capabilities(int vcpus, int memoryGb, boolean ephemeral, String placements,
                                                    long cachedDiskBytes, long resourceVolumeMb, long nvmeMib) {
        Map<String, String> c = new java.util.LinkedHashMap<>();
        c.put("vCPUs", Integer.toString(vcpus));
        c.put("MemoryGB", Integer.toString(memoryGb));
        c.put("HyperVGenerations", "V1,V2");
        c.put("PremiumIO", "True");
        c.put("HibernationSupported", "True");
        c.put("EphemeralOSDiskSupported", ephemeral ? "True" : "False");
        if (!placements.isEmpty()) {
            c.put("SupportedEphemeralOSDiskPlacements", placements);
        }
        c.put("CachedDiskBytes", Long.toString(cachedDiskBytes));
        c.put("MaxResourceVolumeMB", Long.toString(resourceVolumeMb));
        if (nvmeMib > 0) {
            c.put("NvmeDiskSizeInMiB", Long.toString(nvmeMib));
        }
        return c;
    }
}
