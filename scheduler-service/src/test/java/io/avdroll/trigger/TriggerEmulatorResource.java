package io.avdroll.trigger;

import io.avdroll.emulator.seed.Seed;
import io.avdroll.service.testing.AzureEmulatorResource;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The emulator seeded before the service starts, and the two triggered pools' keys: {@code hp-sched} with a daily
 * schedule whose maintenance window opens {@link #LEAD} after the emulator is up (Europe/Berlin), and
 * {@code hp-watch} with the image watch on, a 3-day delay. Both checks run every second.
 */
public class TriggerEmulatorResource extends AzureEmulatorResource {

    public static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    public static final String RG = "rg-avd";
    public static final String GALLERY = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal_avd/images/";
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final java.time.Duration LEAD = java.time.Duration.ofSeconds(12);

    /** When hp-sched's window opens: the firing the test expects. */
    static volatile Instant fireAt;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        emulator().seed(Seed.parse("""
                {"subscriptions": ["%s"],
                 "galleries": [{"subscription": "%s", "resourceGroup": "rg-images", "name": "gal_avd", "location": "westeurope",
                   "images": [{"name": "win11", "versions": [{"name": "1.0.0"}, {"name": "2.0.0"}]},
                              {"name": "win11-watch", "versions": [{"name": "1.0.0"}]}]}],
                 "hostPools": [
                   {"subscription": "%s", "resourceGroup": "%s", "name": "hp-sched", "location": "westeurope",
                    "maxSessionLimit": 8, "image": "gal_avd/win11/1.0.0", "standardHosts": {"count": 3, "namePrefix": "sched-"}},
                   {"subscription": "%s", "resourceGroup": "%s", "name": "hp-watch", "location": "westeurope",
                    "maxSessionLimit": 8, "image": "gal_avd/win11-watch/1.0.0", "standardHosts": {"count": 3, "namePrefix": "watch-"}}]}
                """.formatted(SUB, SUB, SUB, RG, SUB, RG)));
        Instant opens = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        fireAt = opens;
        LocalTime start = LocalTime.ofInstant(opens, ZONE);
        config.put("avdroll.schedule.check-interval", "1s");
        config.put("avdroll.image-watch.interval", "1s");
        config.put("avdroll.pools.hp-sched.resource-group", RG);
        config.put("avdroll.pools.hp-sched.gallery-image", GALLERY + "win11");
        config.put("avdroll.pools.hp-sched.schedule.frequency", "daily");
        config.put("avdroll.pools.hp-sched.maintenance-window.start", start.toString());
        config.put("avdroll.pools.hp-sched.maintenance-window.end", start.plusHours(1).toString());
        config.put("avdroll.pools.hp-sched.maintenance-window.time-zone", ZONE.getId());
        config.put("avdroll.pools.hp-watch.resource-group", RG);
        config.put("avdroll.pools.hp-watch.gallery-image", GALLERY + "win11-watch");
        config.put("avdroll.pools.hp-watch.image-watch.enabled", "true");
        config.put("avdroll.pools.hp-watch.image-watch.delay-days", "3");
        return config;
    }
}
