package io.avdroll.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rollout's bake-time override travels drain-requested → host-drained → host-redeployed as an optional field:
 * messages of senders that know none still parse, and every follow-up keeps it.
 */
class BakeTimeAlongTheChainTest {

    private static final Duration BAKE = Duration.ofMinutes(45);

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDrainRequestWithoutABakeTimeFromAnOlderCoordinatorIsReadWithItAbsentAndNotWritten() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.drainRequested("hp-prod", "avd-07")));
        body.remove("bakeTime");

        DrainRequested event = codec.decode(body.toString().getBytes(), DrainRequested.class);

        assertThat(event.bakeTime()).isNull();
        assertThat(event.drainPolicy()).isEqualTo(EventSamples.drainPolicy());
        assertThat(event.nextCheck(EventSamples.T0).bakeTime()).isNull();
    }

    @Test
    void theConstructorsOlderSendersUseLeaveTheBakeTimeAbsentAndItIsNotWritten() throws Exception {
        DrainRequested sample = EventSamples.drainRequested("hp-prod", "avd-07");
        DrainRequested drain = new DrainRequested(sample.rolloutId(), sample.subscriptionId(), sample.resourceGroup(),
                sample.hostPool(), sample.host(), 1, sample.targetImageVersionId(), sample.gracePeriod(),
                sample.drainPolicy(), 0, EventSamples.T0, EventSamples.T0);
        HostDrained drained = new HostDrained(sample.rolloutId(), sample.subscriptionId(), sample.resourceGroup(),
                sample.hostPool(), sample.host(), 1, sample.targetImageVersionId(), 0, EventSamples.T0, EventSamples.T0);

        assertThat(drain.bakeTime()).isNull();
        assertThat(drained.bakeTime()).isNull();
        assertThat(json.readTree(codec.encode(drain)).has("bakeTime")).isFalse();
        assertThat(json.readTree(codec.encode(drained)).has("bakeTime")).isFalse();
    }

    @Test
    void aDrainRequestsBakeTimeSurvivesTheWireAndEveryFollowUp() throws Exception {
        DrainRequested request = withBake(EventSamples.drainRequested("hp-prod", "avd-07"));
        assertThat(request.bakeTime()).isEqualTo(BAKE);

        byte[] wire = codec.encode(request);
        DrainRequested read = codec.decode(wire, DrainRequested.class);

        assertThat(json.readTree(wire).get("bakeTime").asText()).isEqualTo("PT45M");
        assertThat(read).isEqualTo(request);
        assertThat(read.nextCheck(EventSamples.T0.plusSeconds(60)).nextCheck(EventSamples.T0.plusSeconds(120)).bakeTime())
                .isEqualTo(BAKE);
    }

    @Test
    void hostDrainedAsDrainServiceSendsItCarriesTheRequestsBakeTimeThroughTheProvisionersFollowUps() throws Exception {
        DrainRequested request = withBake(EventSamples.drainRequested("hp-prod", "avd-07"));
        Instant drainedAt = EventSamples.T0.plusSeconds(600);

        HostDrained drained = HostDrained.of(request, drainedAt);
        HostDrained withBlueprint = codec.decode(codec.encode(drained.nextCheck(EventSamples.blueprint("avd-07"),
                drainedAt.plusSeconds(5))), HostDrained.class);

        assertThat(drained.bakeTime()).isEqualTo(BAKE);
        assertThat(drained.messageId()).isEqualTo("hp-prod/r-2025-03/avd-07/drained");
        assertThat(drained.stageStartedAt()).isEqualTo(drainedAt);
        assertThat(drained.blueprint()).isNull();
        assertThat(withBlueprint.bakeTime()).isEqualTo(BAKE);
        assertThat(withBlueprint.nextCheck(drainedAt.plusSeconds(10)).bakeTime()).isEqualTo(BAKE);
    }

    @Test
    void aHostDrainedWithoutABakeTimeIsReadWithItAbsent() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(codec.encode(EventSamples.hostDrained("hp-prod", "avd-07")));
        body.remove("bakeTime");

        assertThat(codec.decode(body.toString().getBytes(), HostDrained.class).bakeTime()).isNull();
    }

    @Test
    void aNegativeBakeTimeIsRejectedNamingTheFieldInBothEvents() throws Exception {
        ObjectNode drain = (ObjectNode) json.readTree(codec.encode(EventSamples.drainRequested("hp-prod", "avd-07")));
        drain.put("bakeTime", "-PT1M");
        ObjectNode drained = (ObjectNode) json.readTree(codec.encode(EventSamples.hostDrained("hp-prod", "avd-07")));
        drained.put("bakeTime", 15);

        assertThatThrownBy(() -> codec.decode(drain.toString().getBytes(), DrainRequested.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("bakeTime");
                    assertThat(e.getMessage()).contains("must not be negative");
                });
        assertThatThrownBy(() -> codec.decode(drained.toString().getBytes(), HostDrained.class))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("bakeTime"));
    }

    private static DrainRequested withBake(DrainRequested r) {
        return new DrainRequested(r.rolloutId(), r.subscriptionId(), r.resourceGroup(), r.hostPool(), r.host(),
                r.attempt(), r.targetImageVersionId(), r.gracePeriod(), r.drainPolicy(), BAKE, r.check(),
                r.stageStartedAt(), r.occurredAt());
    }
}
