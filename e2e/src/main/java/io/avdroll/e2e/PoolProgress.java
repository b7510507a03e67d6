package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.markers.HostTags;

import java.util.Map;
import java.util.TreeMap;

/**
 * A host pool's rollout progress as Azure shows it (the emulator's view of session hosts, VMs and their tags):
 * what an administrator would see in the portal, independent of what the services believe.
 */
public record PoolProgress(int hosts, int onTarget, int serving, int sessions, Map<String, Integer> byStage) {

    /**
     * @param hosts the pool's size: a host being recreated is missing from the pool's list for a while, so the
     *              list alone would undercount it
     */
    public static PoolProgress of(JsonNode pool, int hosts, String rolloutId, String targetImageId) {
        Map<String, Integer> byStage = new TreeMap<>();
        int onTarget = 0;
        int serving = 0;
        int listed = 0;
        for (JsonNode host : pool.path("hosts")) {
            listed++;
            JsonNode tags = host.path("vmTags");
            boolean ours = rolloutId.equals(tags.path(HostTags.ROLLOUT).asText(null));
            String stage = ours ? tags.path(HostTags.STAGE).asText("draining") : "waiting";
            if (!ours && !host.path("allowNewSession").asBoolean(true)) {
                stage = "drained by admin";
            }
            if (targetImageId.equalsIgnoreCase(host.path("vmImageId").asText(""))) {
                onTarget++;
            }
            if (isServing(host)) {
                serving++;
            }
            byStage.merge(stage, 1, Integer::sum);
        }
        if (listed < hosts) {
            byStage.merge("being recreated", hosts - listed, Integer::sum);
        }
        return new PoolProgress(hosts, onTarget, serving, pool.path("sessions").asInt(), byStage);
    }

    static boolean isServing(JsonNode host) {
        return "Available".equals(host.path("status").asText()) && host.path("allowNewSession").asBoolean(false)
                && "running".equalsIgnoreCase(host.path("power").asText(""));
    }

    public int verified() {
        return byStage.getOrDefault("verified", 0);
    }

    public String bar(int width) {
        int filled = hosts == 0 ? width : (int) Math.round((double) verified() * width / hosts);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
