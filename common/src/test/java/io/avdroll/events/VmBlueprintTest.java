package io.avdroll.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.pool.HostClass;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The redeploy blueprint provisioner-service records in its host-drained follow-ups before deleting a VM. */
class VmBlueprintTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aHostDrainedFromDrainServiceHasNeitherVmIdNorBlueprintAndWritesNeither() throws Exception {
        HostDrained drained = new HostDrained("r-1", EventSamples.SUBSCRIPTION, "rg", "hp", "h-01", 1,
                EventSamples.IMAGE_V2, 0, EventSamples.T0, EventSamples.T0);

        ObjectNode body = (ObjectNode) json.readTree(codec.encode(drained));

        assertThat(body.has("blueprint")).isFalse();
        assertThat(body.has("vmResourceId")).isFalse();
        assertThat(codec.decode(codec.encode(drained))).isEqualTo(drained);
    }

    @Test
    void followUpsCarryTheBlueprintAndAnUpdatedOneReplacesIt() {
        HostDrained recorded = EventSamples.hostDrained("hp", "h-01");
        VmBlueprint refused = recorded.blueprint().withRefusedCreate("SkuNotAvailable", "size not available");

        HostDrained next = recorded.nextCheck(EventSamples.T0.plusSeconds(60));
        HostDrained retried = recorded.nextCheck(refused, EventSamples.T0.plusSeconds(60));

        assertThat(next.blueprint()).isEqualTo(recorded.blueprint());
        assertThat(next.check()).isEqualTo(recorded.check() + 1);
        assertThat(retried.blueprint().failedCreates()).isEqualTo(2);
        assertThat(retried.blueprint().lastErrorCode()).isEqualTo("SkuNotAvailable");
        assertThat(retried.vmResourceId()).isEqualTo(recorded.vmResourceId());
    }

    @Test
    void theCarriedTagsSurviveTheWire() {
        HostDrained recorded = EventSamples.hostDrained("hp", "h-01");

        HostDrained read = codec.decode(codec.encode(recorded), HostDrained.class);

        assertThat(read.blueprint().tagsOrEmpty()).containsEntry("costCenter", "4711")
                .containsEntry("avdroll-admin-drained", "false");
    }

    @Test
    void aMissingBlueprintFieldIsNamedWithItsPath() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.hostDrained("hp", "h-01")));
        ((ObjectNode) body.get("blueprint")).remove("subnetId");

        assertThatThrownBy(() -> codec.decode(body.toString().getBytes()))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.getMessage()).contains("blueprint.subnetId").contains("is required"));
    }

    @Test
    void aDrBlueprintWithAnEphemeralPlacementIsRefused() {
        assertThatThrownBy(() -> new VmBlueprint("rg", "dr-01", "westeurope", "Standard_D4s_v5", HostClass.DR,
                "CacheDisk", "dr-01-nic", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a",
                null, Map.of(), 0, null, null))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.getMessage()).contains("ephemeralPlacement"));
    }

    @Test
    void aVmResourceIdThatIsNotAVirtualMachineIsRefused() {
        assertThatThrownBy(() -> new HostDrained("r-1", EventSamples.SUBSCRIPTION, "rg", "hp", "h-01", 1,
                EventSamples.IMAGE_V2, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/n",
                null, 0, EventSamples.T0, EventSamples.T0))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.getMessage()).contains("vmResourceId"));
    }
}
