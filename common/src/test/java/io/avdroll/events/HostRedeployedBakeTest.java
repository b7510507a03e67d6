package io.avdroll.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional bake fields of host-redeployed: absent from a provisioner that knows none, kept across follow-ups. */
class HostRedeployedBakeTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRedeployedEventWithoutBakeFieldsIsReadWithBothAbsent() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.hostRedeployed("hp-prod", "avd-07")));
        body.remove("bakeTime");
        body.remove("healthySince");
        body.remove("vmResourceId");

        HostRedeployed event = codec.decode(body.toString().getBytes(), HostRedeployed.class);

        assertThat(event.bakeTime()).isNull();
        assertThat(event.healthySince()).isNull();
        assertThat(event.vmResourceId()).isNull();
        assertThat(event.messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/redeployed");
    }

    @Test
    void theShortConstructorLeavesTheOptionalFieldsAbsentAndTheyAreNotWritten() throws Exception {
        HostRedeployed event = new HostRedeployed("r-1", EventSamples.SUBSCRIPTION, "rg", "hp", "h", 1,
                EventSamples.IMAGE_V2, 0, EventSamples.T0, EventSamples.T0);

        assertThat(json.readTree(codec.encode(event)).has("bakeTime")).isFalse();
        assertThat(json.readTree(codec.encode(event)).has("healthySince")).isFalse();
        assertThat(json.readTree(codec.encode(event)).has("vmResourceId")).isFalse();
    }

    @Test
    void aFollowUpKeepsTheBakeTimeAndWhenTheHostWasFirstSeenHealthy() {
        Instant later = EventSamples.T0.plusSeconds(60);
        HostRedeployed first = EventSamples.hostRedeployed("hp-prod", "avd-07");

        HostRedeployed next = first.nextCheck(later);

        assertThat(next.check()).isEqualTo(1);
        assertThat(next.occurredAt()).isEqualTo(later);
        assertThat(next.bakeTime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(next.healthySince()).isEqualTo(EventSamples.T0);
        assertThat(next.vmResourceId()).isEqualTo(first.vmResourceId()).endsWith("/virtualMachines/avd-07");
        assertThat(next.withHealthySince(null).healthySince()).isNull();
        assertThat(next.withHealthySince(later).messageId()).isEqualTo(next.messageId());
    }

    @Test
    void aVmResourceIdThatIsNotAVirtualMachineIsRejectedNamingTheField() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.hostRedeployed("hp-prod", "avd-07")));
        body.put("vmResourceId", EventSamples.IMAGE_V2);

        assertThatThrownBy(() -> codec.decode(body.toString().getBytes(), HostRedeployed.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("vmResourceId"));
    }

    @Test
    void aNegativeBakeTimeIsRejectedNamingTheField() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.hostRedeployed("hp-prod", "avd-07")));
        body.put("bakeTime", "-PT5M");

        assertThatThrownBy(() -> codec.decode(body.toString().getBytes(), HostRedeployed.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("bakeTime"));
    }

    @Test
    void aHealthySinceThatIsNotAnInstantIsRejectedNamingTheField() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.hostRedeployed("hp-prod", "avd-07")));
        body.put("healthySince", 5);

        assertThatThrownBy(() -> codec.decode(body.toString().getBytes(), HostRedeployed.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("healthySince"));
    }
}
