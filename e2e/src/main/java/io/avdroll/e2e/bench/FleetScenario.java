package io.avdroll.e2e.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One emulated subscription with {@code pools} host pools of {@code standardHosts} + {@code drHosts} hosts each,
 * every Azure step taking {@code azureStepSeconds} (near zero for overhead measurements), and the services tuned
 * to look again quickly. {@code armThrottling} turns on Azure Resource Manager's published per-subscription token
 * buckets (reads 250 / 25 per s, writes 200 / 10 per s, deletes 200 / 10 per s).
 */
public record FleetScenario(int pools, int standardHosts, int drHosts, int usersPerHost, int maxUnavailable,
                            int minAvailableHosts, Duration gracePeriod, Duration bakeTime, double azureStepSeconds,
                            boolean armThrottling, int avdPageSize, Duration servicePoll, long randomSeed) {

    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000be4c";
    public static final String RESOURCE_GROUP = "rg-bench";
    static final String GALLERY_IMAGE = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-bench-images/providers/Microsoft.Compute/galleries/gal_bench/images/win11-avd";
    public static final String FROM_VERSION = "1.0.0";
    public static final String TARGET_VERSION = "1.1.0";

    public FleetScenario {
        if (pools < 1 || standardHosts < 1 || drHosts < 0 || usersPerHost < 0) {
            throw new IllegalArgumentException("pools and standard hosts must be >= 1, DR hosts and users >= 0");
        }
        if (maxUnavailable < 1) {
            throw new IllegalArgumentException("maxUnavailable must be >= 1, was " + maxUnavailable);
        }
        if (gracePeriod.isZero() || gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must be positive (the drain reminders sit inside it), was " + gracePeriod);
        }
        if (minAvailableHosts < 0 || minAvailableHosts > standardHosts - 1) {
            throw new IllegalArgumentException("minAvailableHosts must be between 0 and standardHosts - 1, was " + minAvailableHosts);
        }
    }

    public int hostsPerPool() {
        return standardHosts + drHosts;
    }

    public int totalHosts() {
        return pools * hostsPerPool();
    }

    public static String poolName(int index) {
        return String.format(Locale.ROOT, "hp-%03d", index);
    }

    public String targetImageId() {
        return GALLERY_IMAGE + "/versions/" + TARGET_VERSION;
    }

    public String seedJson() {
        String pools = poolsJson(0, this.pools);
        double s = azureStepSeconds;
        String limits = armThrottling ? ",\n  \"subscriptionLimits\": {}" : "";
        return """
            {
              "settings": {"speed": 1, "randomSeed": %d, "retryAfterSeconds": 0, "avdPageSize": %d,
                "timingsSeconds": {"vmCreate": %s, "vmDelete": %s, "extension": %s, "registration": %s, "becomeAvailable": %s,
                                   "vmStart": %s, "vmDeallocate": %s, "vmHibernate": %s, "vmPowerOff": %s}},
              "subscriptions": ["%s"],
              "galleries": [{"subscription": "%s", "resourceGroup": "rg-bench-images", "name": "gal_bench", "location": "westeurope",
                "images": [{"name": "win11-avd", "versions": [
                  {"name": "%s", "publishedDate": "2026-10-13T00:00:00Z"},
                  {"name": "%s", "publishedDate": "2026-11-10T00:00:00Z"}]}]}],
              "hostPools": [%s]%s
            }
            """.formatted(randomSeed, avdPageSize, s, s, s, s, s, s, s, s, s, SUBSCRIPTION, SUBSCRIPTION, FROM_VERSION,
                TARGET_VERSION, pools, limits);
    }

    /** A seed adding pools {@code first .. first+count-1} to a running emulator (same gallery and shape). */
    public String poolsSeedJson(int first, int count) {
        return "{\"hostPools\": [" + poolsJson(first, count) + "]}";
    }

    private String poolsJson(int first, int count) {
        StringBuilder pools = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            if (i > first) {
                pools.append(",\n");
            }
            String users = usersPerHost == 0 ? "" : """
                    , "usersPerHost": %d,
                    "users": {"logonIntervalSeconds": 60, "sessionMinutesMin": 5, "sessionMinutesMax": 60, "targetSessions": %d}"""
                    .formatted(usersPerHost, standardHosts * usersPerHost);
            pools.append("""
                    {"subscription": "%s", "resourceGroup": "%s", "name": "%s", "location": "westeurope",
                     "maxSessionLimit": 8, "loadBalancerType": "BreadthFirst", "image": "gal_bench/win11-avd/%s",
                     "standardHosts": {"count": %d, "namePrefix": "%s", "vmSize": "Standard_D8ds_v5"},
                     "drHosts": {"count": %d, "namePrefix": "%s", "powerState": "hibernated"}%s}"""
                    .formatted(SUBSCRIPTION, RESOURCE_GROUP, poolName(i), FROM_VERSION, standardHosts, standardPrefix(i),
                            drHosts, drPrefix(i), users));
        }
        return pools.toString();
    }

    public static String standardPrefix(int pool) {
        return String.format(Locale.ROOT, "p%03d-std-", pool);
    }

    public static String drPrefix(int pool) {
        return String.format(Locale.ROOT, "p%03d-dr-", pool);
    }

    /** Per-service system properties: the pools' default rollout spec and polling at the benchmark's pace. */
    public Map<String, Map<String, String>> serviceSettings(String logLevel) {
        String poll = servicePoll.toString();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        Map<String, String> scheduler = new LinkedHashMap<>(Map.of(
                "avdroll.pools.defaults.max-unavailable", Integer.toString(maxUnavailable),
                "avdroll.pools.defaults.min-available-hosts", Integer.toString(minAvailableHosts),
                "avdroll.pools.defaults.drain.grace-period", gracePeriod.toString(),
                "avdroll.coordinator.replan-interval", "PT5S",
                "avdroll.coordinator.retry-delay", poll));
        scheduler.put("avdroll.pools.defaults.drain.reminders", gracePeriod.dividedBy(2).toString());
        settings.put("scheduler-service", scheduler);
        settings.put("drain-service", new LinkedHashMap<>(Map.of(
                "avdroll.drain.poll-interval", poll,
                "avdroll.drain.retry-delay", poll)));
        settings.put("provisioner-service", new LinkedHashMap<>(Map.of(
                "avdroll.provision.poll-interval", poll,
                "avdroll.provision.create-retry-backoff", "PT2S")));
        settings.put("verifier-service", new LinkedHashMap<>(Map.of(
                "avdroll.verify.poll-interval", poll,
                "avdroll.verify.bake-time", bakeTime.toString(),
                "avdroll.verify.registration-timeout", "PT1M",
                "avdroll.verify.retry-delay", poll)));
        // logging every call of thousands of hosts would measure the console, not the services
        settings.values().forEach(s -> {
            s.put("quarkus.log.category.\"io.avdroll\".level", logLevel);
            s.put("quarkus.log.category.\"com.azure\".level", "WARN");
        });
        return settings;
    }
}
