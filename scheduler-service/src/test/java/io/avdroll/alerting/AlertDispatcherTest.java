package io.avdroll.alerting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlertDispatcherTest {

    private final List<String> delivered = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AlertSink failing = new AlertSink() {
        @Override
        public void send(Alert alert) throws Exception {
            throw new java.io.IOException("webhook on hooks.example answered 500");
        }

        @Override
        public String name() {
            return "webhook(hooks.example)";
        }
    };
    private final AlertSink recording = new AlertSink() {
        @Override
        public void send(Alert alert) {
            delivered.add(alert.key());
        }

        @Override
        public String name() {
            return "recording";
        }
    };
    private final AlertDispatcher dispatcher = new AlertDispatcher(List.of(failing, recording), registry);

    private static Alert alert(String key) {
        return new Alert(AlertKind.HOST_STUCK, key, "r-1", "hp", Optional.of("h"), "DRAINING", "late", "late", Instant.EPOCH);
    }

    @Test
    void aConditionThatPersistsIsSentOnceAndAgainOnlyAfterItCleared() {
        dispatcher.report("rollouts", List.of(alert("a")));
        dispatcher.report("rollouts", List.of(alert("a"), alert("b")));
        dispatcher.report("rollouts", List.of(alert("b")));
        dispatcher.report("rollouts", List.of(alert("a"), alert("b")));

        assertThat(delivered).containsExactly("a", "b", "a");
    }

    @Test
    void aFailingSinkDoesNotStopTheOthersAndIsCounted() {
        dispatcher.send(alert("x"));

        assertThat(delivered).containsExactly("x");
        assertThat(registry.get("avdroll.alerts.undelivered").tag("sink", "webhook(hooks.example)").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("avdroll.alerts").tag("kind", "HOST_STUCK").counter().count()).isEqualTo(1.0);
    }
}
