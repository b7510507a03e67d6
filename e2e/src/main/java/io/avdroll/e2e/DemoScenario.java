package io.avdroll.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host pool to roll and the service settings that make a rollout of it take minutes on one machine: Azure's
 * minutes run faster in the emulator (speed factor) and the services look again every second or two.
 */
public record DemoScenario(int standardHosts, int drHosts, int usersPerHost, int maxUnavailable, int minAvailableHosts,
                           Duration gracePeriod, Duration bakeTime, double speed, long randomSeed) {

    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    public static final String RESOURCE_GROUP = "rg-avd";
    public static final String POOL = "hp-demo";
    static final String GALLERY_IMAGE = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-avd-images/providers/Microsoft.Compute/galleries/gal_avd/images/win11-24h2-avd";
    public static final String FROM_VERSION = "1.0.0";
    public static final String TARGET_VERSION = "1.1.0";

    public static DemoScenario defaults() {
        return new DemoScenario(12, 3, 4, 3, 10, Duration.ofSeconds(20), Duration.ofSeconds(5), 60, 42);
    }

    public int hosts() {
        return standardHosts + drHosts;
    }

    public String targetImageId() {
        return GALLERY_IMAGE + "/versions/" + TARGET_VERSION;
    }

    public String seedJson() {
        return """
            {
              "settings": {"speed": %s, "randomSeed": %d, "retryAfterSeconds": 1,
                "timingsSeconds": {"vmCreate": 120, "vmDelete": 60, "extension": 90, "registration": 60, "becomeAvailable": 90,
                                   "vmStart": 60, "vmDeallocate": 60, "vmHibernate": 60}},
              "subscriptions": ["%s"],
              "galleries": [{"subscription": "%s", "resourceGroup": "rg-avd-images", "name": "gal_avd", "location": "westeurope",
                "images": [{"name": "win11-24h2-avd", "versions": [
                  {"name": "%s", "publishedDate": "2026-10-13T00:00:00Z"},
                  {"name": "%s", "publishedDate": "2026-11-10T00:00:00Z"}]}]}],
              "hostPools": [{"subscription": "%s", "resourceGroup": "%s", "name": "%s", "location": "westeurope",
                "maxSessionLimit": 8, "loadBalancerType": "BreadthFirst",
                "image": "gal_avd/win11-24h2-avd/%s",
                "standardHosts": {"count": %d, "namePrefix": "avd-std-", "vmSize": "Standard_D8ds_v5"},
                "drHosts": {"count": %d, "namePrefix": "avd-dr-", "powerState": "hibernated"},
                "usersPerHost": %d,
                "users": {"logonIntervalSeconds": 60, "sessionMinutesMin": 5, "sessionMinutesMax": 60, "targetSessions": %d}}]
            }
            """.formatted(speed, randomSeed, SUBSCRIPTION, SUBSCRIPTION, FROM_VERSION, TARGET_VERSION, SUBSCRIPTION,
                RESOURCE_GROUP, POOL, FROM_VERSION, standardHosts, drHosts, usersPerHost, standardHosts * usersPerHost);
    }

    /** Per-service system properties: the pool's rollout spec and polling fast enough for the emulator's pace. */
    public Map<String, Map<String, String>> serviceSettings() {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settings.put("scheduler-service", Map.of(
                "avdroll.pools.defaults.max-unavailable", Integer.toString(maxUnavailable),
                "avdroll.pools.defaults.min-available-hosts", Integer.toString(minAvailableHosts),
                "avdroll.pools.defaults.drain.grace-period", gracePeriod.toString(),
                "avdroll.pools.defaults.drain.reminders", gracePeriod.dividedBy(2).toString(),
                "avdroll.coordinator.replan-interval", "PT5S",
                "avdroll.coordinator.retry-delay", "PT1S"));
        settings.put("drain-service", Map.of(
                "avdroll.drain.poll-interval", "PT1S",
                "avdroll.drain.retry-delay", "PT1S"));
        settings.put("provisioner-service", Map.of(
                "avdroll.provision.poll-interval", "PT1S",
                "avdroll.provision.create-retry-backoff", "PT2S"));
        settings.put("verifier-service", Map.of(
                "avdroll.verify.poll-interval", "PT1S",
                "avdroll.verify.bake-time", bakeTime.toString(),
                "avdroll.verify.registration-timeout", "PT3M",
                "avdroll.verify.retry-delay", "PT1S"));
        return settings;
    }
}
