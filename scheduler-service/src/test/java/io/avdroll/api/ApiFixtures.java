package io.avdroll.api;

import io.avdroll.service.testing.EmulatorProbe;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.service.testing.AzureEmulatorResource;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Pools seeded on the emulator and small helpers shared by the API, CLI and status page tests. */
public final class ApiFixtures {

    public static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    public static final String RG = "rg-avd";
    public static final String TOKEN = "test-api-token-0123456789"; // %test.avdroll.api.local-token
    public static final String IMAGES = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal_avd/images/win11";
    public static final String V1 = IMAGES + "/versions/1.0.0";
    public static final String V2 = IMAGES + "/versions/2.0.0";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private ApiFixtures() {
    }

    /** Seeds the gallery (1.0.0 and 2.0.0) and one pool per name: 6 standard hosts on 1.0.0, 2 users each. */
    public static void seedPools(List<String> names) {
        StringBuilder pools = new StringBuilder();
        for (String pool : names) {
            pools.append(pools.isEmpty() ? "" : ",").append("""
                    {"subscription": "%s", "resourceGroup": "%s", "name": "%s", "location": "westeurope",
                     "maxSessionLimit": 8, "image": "gal_avd/win11/1.0.0", "usersPerHost": 2,
                     "standardHosts": {"count": 6, "namePrefix": "%s-"}}""".formatted(SUB, RG, pool, pool));
        }
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {"subscriptions": ["%s"],
                 "galleries": [{"subscription": "%s", "resourceGroup": "rg-images", "name": "gal_avd", "location": "westeurope",
                   "images": [{"name": "win11", "versions": [{"name": "1.0.0"}, {"name": "2.0.0"}]}]}],
                 "hostPools": [%s]}""".formatted(SUB, SUB, pools)));
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done) {
        return EmulatorProbe.awaitValue(probe, done, PATIENCE);
    }
}
