package io.avdroll.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.avdroll.events.EventSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host's stage times travel drain-requested → host-drained → host-redeployed → host-verified / host-failed as an
 * optional object, so the coordinator's report knows each stage's start and end and the forced log-offs.
 */
class StageTimesAlongTheChainTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void forcedLogOffsAddUpOverTheDrainsFollowUpsAndHostDrainedCarriesThemWithTheDrainsStartAndEnd() {
        DrainRequested admitted = asAdmitted(EventSamples.drainRequested("hp-prod", "avd-07"));
        Instant deadline = T0.plusSeconds(1800);
        Instant empty = T0.plusSeconds(1830);

        DrainRequested afterEarlyLogOff = admitted.withForcedLogOffs(1).nextCheck(T0.plusSeconds(60));
        DrainRequested afterDeadline = afterEarlyLogOff.withForcedLogOffs(2).nextCheck(deadline);
        HostDrained drained = HostDrained.of(afterDeadline.withForcedLogOffs(0), empty);

        assertThat(admitted.stageTimes()).isNull();
        assertThat(drained.stageTimes()).isEqualTo(new StageTimes(T0, empty, null, 3));
    }

    @Test
    void eachStageFillsInItsEndAndTheVerdictCarriesTheWholeJourney() {
        HostDrained drained = HostDrained.of(asAdmitted(EventSamples.drainRequested("hp-prod", "avd-07")).withForcedLogOffs(2),
                T0.plusSeconds(600));
        Instant recreated = T0.plusSeconds(1500);

        StageTimes redeployed = drained.nextCheck(T0.plusSeconds(900)).stageTimesSoFar().redeployed(drained.stageStartedAt(), recreated);
        HostRedeployed verifying = new HostRedeployed(drained.rolloutId(), drained.subscriptionId(), drained.resourceGroup(),
                drained.hostPool(), drained.host(), 1, drained.targetImageVersionId(), null, null, 0, recreated, null,
                recreated, redeployed);

        assertThat(verifying.nextCheck(T0.plusSeconds(1600)).stageTimesSoFar())
                .isEqualTo(new StageTimes(T0, T0.plusSeconds(600), recreated, 2));
    }

    @Test
    void withoutStageTimesFromAnOlderSenderEachStageStillKnowsItsOwnStart() {
        HostDrained d = EventSamples.hostDrained("hp-prod", "avd-07");
        HostDrained drained = new HostDrained(d.rolloutId(), d.subscriptionId(), d.resourceGroup(), d.hostPool(), d.host(),
                1, d.targetImageVersionId(), d.vmResourceId(), d.blueprint(), d.bakeTime(), 2, T0.plusSeconds(60),
                T0.plusSeconds(120));
        HostRedeployed r = EventSamples.hostRedeployed("hp-prod", "avd-07");
        HostRedeployed redeployed = new HostRedeployed(r.rolloutId(), r.subscriptionId(), r.resourceGroup(), r.hostPool(),
                r.host(), 1, r.targetImageVersionId(), 0, T0.plusSeconds(900), T0.plusSeconds(900));

        assertThat(drained.stageTimesSoFar()).isEqualTo(new StageTimes(null, drained.stageStartedAt(), null, null));
        assertThat(redeployed.stageTimesSoFar()).isEqualTo(new StageTimes(null, null, redeployed.stageStartedAt(), null));
    }

    @Test
    void aVerdictWithStageTimesSurvivesTheWireAndOneWithoutIsReadWithThemAbsentAndNotWritten() throws Exception {
        HostVerified s = EventSamples.hostVerified("hp-prod", "avd-07");
        HostVerified sample = new HostVerified(s.rolloutId(), s.subscriptionId(), s.resourceGroup(), s.hostPool(), s.host(),
                1, s.imageVersionId(), s.occurredAt());
        HostVerified verified = new HostVerified(sample.rolloutId(), sample.subscriptionId(), sample.resourceGroup(),
                sample.hostPool(), sample.host(), 1, sample.imageVersionId(), T0.plusSeconds(2000),
                new StageTimes(T0, T0.plusSeconds(600), null, 0));

        byte[] wire = codec.encode(verified);

        assertThat(codec.decode(wire, HostVerified.class)).isEqualTo(verified);
        assertThat(json.readTree(wire).path("stageTimes").has("redeployedAt")).isFalse();
        assertThat(json.readTree(codec.encode(sample)).has("stageTimes")).isFalse();
        assertThat(codec.decode(codec.encode(sample), HostVerified.class).stageTimes()).isNull();
    }

    /** As the coordinator sends it: no stage times yet. */
    private static DrainRequested asAdmitted(DrainRequested d) {
        return new DrainRequested(d.rolloutId(), d.subscriptionId(), d.resourceGroup(), d.hostPool(), d.host(), d.attempt(),
                d.targetImageVersionId(), d.gracePeriod(), d.drainPolicy(), d.bakeTime(), d.check(), d.stageStartedAt(),
                d.occurredAt());
    }

    @Test
    void aNegativeForcedLogOffCountOrAnInstantThatIsNoStringIsRejectedNamingTheField() throws Exception {
        ObjectNode negative = (ObjectNode) json.readTree(codec.encode(EventSamples.hostFailed("hp-prod", "avd-07")));
        negative.putObject("stageTimes").put("forcedLogOffs", -1);
        ObjectNode number = (ObjectNode) json.readTree(codec.encode(EventSamples.hostFailed("hp-prod", "avd-07")));
        number.putObject("stageTimes").put("drainStartedAt", 17);

        assertThatThrownBy(() -> codec.decode(negative.toString().getBytes()))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("stageTimes.forcedLogOffs");
        assertThatThrownBy(() -> codec.decode(number.toString().getBytes()))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("stageTimes.drainStartedAt");
    }
}
