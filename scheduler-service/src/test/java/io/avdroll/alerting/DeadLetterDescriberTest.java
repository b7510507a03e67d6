package io.avdroll.alerting;

import io.avdroll.bus.DeadLetteredMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterDescriberTest {

    private static DeadLetteredMessage dead(String body, Optional<String> subject, String reason, String description) {
        return new DeadLetteredMessage("drain-requested/subscriptions/drain-service", 42, "hp/r-9/hp-07/drain", Optional.of("s"),
                subject, reason, description, body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, 0);
    }

    @Test
    void anInvalidEventStillNamesItsRolloutPoolHostAndStageFromWhateverJsonItHas() {
        Alert alert = DeadLetterDescriber.describe(dead("{\"type\":\"drain-requested\",\"rolloutId\":\"r-9\",\"hostPool\":\"hp\","
                + "\"host\":\"hp-07\",\"attempt\":\"one\"}", Optional.empty(), "InvalidEvent", "attempt: must be an integer"), Instant.EPOCH);

        assertThat(alert.kind()).isEqualTo(AlertKind.DEAD_LETTERED);
        assertThat(alert.rolloutId()).isEqualTo("r-9");
        assertThat(alert.hostPool()).isEqualTo("hp");
        assertThat(alert.host()).contains("hp-07");
        assertThat(alert.stage()).isEqualTo("drain-requested");
        assertThat(alert.reason()).isEqualTo("InvalidEvent: attempt: must be an integer");
        assertThat(alert.key()).isEqualTo("drain-requested/subscriptions/drain-service#42");
    }

    @Test
    void aBodyThatIsNotJsonFallsBackToTheSubjectOrTheEntitysTopic() {
        Alert bySubject = DeadLetterDescriber.describe(dead("not json", Optional.of("host-drained"), "MaxDeliveryCountExceeded", ""),
                Instant.EPOCH);
        Alert byEntity = DeadLetterDescriber.describe(dead("not json", Optional.empty(), null, null), Instant.EPOCH);

        assertThat(bySubject.stage()).isEqualTo("host-drained");
        assertThat(bySubject.reason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(byEntity.stage()).isEqualTo("drain-requested");
        assertThat(byEntity.reason()).isEqualTo("(none given)");
        assertThat(byEntity.rolloutId()).isEmpty();
    }
}
