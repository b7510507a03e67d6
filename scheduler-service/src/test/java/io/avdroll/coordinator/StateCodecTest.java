package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.CapacityFloor;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final Instant T0 = Instant.parse("2026-03-10T22:00:00Z");
    private final StateCodec codec = new StateCodec();

    @Test
    void theWholeStateSurvivesTheSessionStateRoundTrip() throws Exception {
        String image = FakeAzure.image("2.0.0");
        HostPoolSnapshot pool = new HostPoolSnapshot("hp-one", 8, List.of(
                new SessionHost("host-01", SessionHostStatus.AVAILABLE, true, 2, FakeAzure.image("1.0.0"), HostClass.STANDARD, PowerState.RUNNING),
                new SessionHost("dr-01", SessionHostStatus.SHUTDOWN, true, 0, FakeAzure.image("1.0.0"), HostClass.DR, PowerState.HIBERNATED)));
        RolloutRecord record = RolloutRecord.start("r-1", pool, image, T0)
                .admit("host-01", null, "admit host-01", T0).record()
                .advanceHost("host-01", HostStage.FAILED, 1, "failed in drain", T0.plusSeconds(60)).record()
                .surgeResumed("dr-01", PowerState.HIBERNATED, T0).record();
        RolloutSpec spec = PoolSpecs.builtIn(image).capacityFloor(new CapacityFloor(1, 16))
                .maintenanceWindow(MaintenanceWindow.daily("22:00", "05:00", "Europe/Berlin")).drAsSurge(true).build();
        CoordinatorState state = new CoordinatorState(new RolloutTarget(FakeAzure.SUBSCRIPTION, "rg-avd", "hp-one", image,
                "alice", T0, java.time.Duration.ofMinutes(50)), spec, record, List.of(new HistoryEntry(T0, "r-1", "started")),
                new PendingTick("r-1", T0.plusSeconds(300), "hp-one/r-1/control/tick/x", 42));

        byte[] bytes = codec.write(state);

        assertThat(codec.read(bytes)).isEqualTo(state);
        assertThat(json(bytes)).contains("\"2026-03-10T22:00:00Z\"").contains("\"PT30M\"");
    }

    @Test
    void aThousandHostRolloutsStateFitsWellWithinTheSessionStateAStandardNamespaceAccepts() {
        String image = FakeAzure.image("2.0.0");
        List<SessionHost> hosts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hosts.add(new SessionHost("avd-std-%04d".formatted(i), SessionHostStatus.AVAILABLE, true, 3,
                    FakeAzure.image("1.0.0"), HostClass.STANDARD, PowerState.RUNNING));
        }
        RolloutRecord record = RolloutRecord.start("r-1", new HostPoolSnapshot("hp-big", 8, hosts), image, T0);
        for (int i = 0; i < 1000; i++) {
            String host = "avd-std-%04d".formatted(i);
            Instant admitted = T0.plusSeconds(i * 7L);
            record = record.admit(host, null, "admitted: fewest sessions first", admitted).record()
                    .advanceHost(host, HostStage.VERIFIED, 1, "verified on " + image, admitted.plusSeconds(1800 + i % 600)).record();
        }
        CoordinatorState state = new CoordinatorState(new RolloutTarget(FakeAzure.SUBSCRIPTION, "rg-avd", "hp-big", image,
                "alice", T0, null), PoolSpecs.builtIn(image).build(), record, List.of(), null);

        byte[] bytes = codec.write(state);

        assertThat(bytes.length).as("bytes of the state (the broker takes at most 262,144 on Standard)").isLessThan(64 * 1024);
        assertThat(codec.read(bytes)).isEqualTo(state);
    }

    @Test
    void aStateSavedAsPlainJsonByAnEarlierVersionIsStillRead() throws Exception {
        CoordinatorState state = new CoordinatorState(null, null, null, List.of(new HistoryEntry(T0, "r-0", "refused")), null);
        String json = json(codec.write(state));

        assertThat(json).startsWith("{");
        assertThat(codec.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(state);
    }

    @Test
    void bytesThatAreNoCoordinatorStateAreRefusedRatherThanReadAsEmpty() {
        assertThatThrownBy(() -> codec.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("session state");
    }

    private static String json(byte[] gzipped) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
