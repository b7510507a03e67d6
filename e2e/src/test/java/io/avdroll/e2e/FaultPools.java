package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.seed.Seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Several small host pools in one emulator, one per fault case, so independent cases share one deployment and run
 * side by side: the coordinator owns each pool through its own Service Bus session, so one pool's rollout never
 * waits for another's. VM names carry the pool's prefix ({@code users-std-01}, {@code users-dr-01}).
 */
record FaultPools(DemoScenario scenario, List<Pool> pools) {

    record Pool(String name, String prefix, int standardHosts, int drHosts) {
        int hosts() {
            return standardHosts + drHosts;
        }

        String vm(String kind, int index) {
            return String.format("%s-%s-%02d", prefix, kind, index);
        }

        String vmId(String kind, int index) {
            return "/subscriptions/" + DemoScenario.SUBSCRIPTION + "/resourceGroups/" + DemoScenario.RESOURCE_GROUP
                    + "/providers/Microsoft.Compute/virtualMachines/" + vm(kind, index);
        }

        boolean owns(String vmName) {
            return vmName.startsWith(prefix + "-");
        }
    }

    /** The scenario's seed with its one pool replaced by {@link #pools}, each with the scenario's users per host. */
    Seed seed() {
        ObjectMapper json = new ObjectMapper();
        try {
            ObjectNode root = (ObjectNode) json.readTree(scenario.seedJson());
            JsonNode template = root.path("hostPools").get(0);
            ArrayNode hostPools = root.putArray("hostPools");
            for (Pool pool : pools) {
                ObjectNode p = template.deepCopy();
                p.put("name", pool.name());
                ((ObjectNode) p.path("standardHosts")).put("count", pool.standardHosts()).put("namePrefix", pool.prefix() + "-std-");
                ((ObjectNode) p.path("drHosts")).put("count", pool.drHosts()).put("namePrefix", pool.prefix() + "-dr-");
                ((ObjectNode) p.path("users")).put("targetSessions", pool.standardHosts() * scenario.usersPerHost());
                hostPools.add(p);
            }
            return Seed.parse(json.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
