package io.avdroll.emulator.servicebus;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    @Test
    void theProjectTopologyDeclaresTheSessionEnabledCoordinatorQueueAndItsForwards() {
        Topology topology = Topology.fromClasspath();
        Topology.Queue coordinator = topology.queues().stream().filter(q -> q.name().equals("coordinator"))
                .findFirst().orElseThrow();
        assertThat(coordinator.settings().requiresSession()).isTrue();
        assertThat(coordinator.settings().lockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(topology.topics()).filteredOn(t -> t.name().equals("update-requested")).singleElement()
                .satisfies(t -> assertThat(t.subscriptions().get(0).settings().forwardTo()).isEqualTo("coordinator"));
    }

    @Test
    void entitySettingsOverrideTheDefaults() {
        Topology topology = Topology.parse("""
                {"defaults": {"maxDeliveryCount": 4, "lockDuration": "PT30S"},
                 "queues": [{"name": "q", "maxDeliveryCount": 7}]}""");
        assertThat(topology.queues().get(0).settings().maxDeliveryCount()).isEqualTo(7);
        assertThat(topology.queues().get(0).settings().lockDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aLockDurationOverrideReplacesTheLockOfEveryEntityAndKeepsEverythingElse() {
        Topology declared = Topology.fromClasspath();
        Topology overridden = declared.withLockDuration(Duration.ofSeconds(5));

        assertThat(overridden.queues()).allSatisfy(q -> assertThat(q.settings().lockDuration()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(overridden.topics()).flatExtracting(Topology.Topic::subscriptions)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.settings().lockDuration()).isEqualTo(Duration.ofSeconds(5)));
        Topology.Queue before = declared.queues().get(0);
        Topology.Queue after = overridden.queues().get(0);
        assertThat(after.settings().requiresSession()).isEqualTo(before.settings().requiresSession());
        assertThat(after.settings().maxDeliveryCount()).isEqualTo(before.settings().maxDeliveryCount());
        assertThat(after.settings().duplicateDetectionWindow()).isEqualTo(before.settings().duplicateDetectionWindow());
        assertThat(declared.queues().get(0).settings().lockDuration()).as("the declared topology is untouched")
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aLockDurationOverrideThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> Topology.fromClasspath().withLockDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lockDuration");
    }

    @Test
    void aForwardToAnUndeclaredQueueIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Topology.parse("""
                {"topics": [{"name": "t", "subscriptions": [{"name": "s", "forwardTo": "nowhere"}]}]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forwardTo 'nowhere'");
    }

    @Test
    void aDurationThatIsNotIso8601IsRefusedNamingTheKey() {
        assertThatThrownBy(() -> Topology.parse("""
                {"queues": [{"name": "q", "lockDuration": "30 seconds"}]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue 'q'").hasMessageContaining("lockDuration");
    }

    @Test
    void aQueueWithoutANameIsRefused() {
        assertThatThrownBy(() -> Topology.parse("{\"queues\": [{}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queues[].name");
    }
}
