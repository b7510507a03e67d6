package io.avdroll.emulator.servicebus;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SasTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private final SasTokenValidator validator = new SasTokenValidator("localhost", "Root", "secret-key",
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenSignedWithTheKeyForThisNamespaceIsValid() {
        SasTokenValidator.Result result = validator.validate(
                SasTokens.token("amqp://localhost/work", "Root", "secret-key", NOW.plusSeconds(60)));
        assertThat(result.valid()).isTrue();
        assertThat(result.resource().getPath()).isEqualTo("/work");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedWithoutRevealingEitherKey() {
        SasTokenValidator.Result result = validator.validate(
                SasTokens.token("amqp://localhost/work", "Root", "other-key", NOW.plusSeconds(60)));
        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).startsWith("InvalidSignature").doesNotContain("secret-key", "other-key");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(validator.validate(SasTokens.token("amqp://localhost/work", "Root", "secret-key",
                NOW.minusSeconds(1))).reason()).startsWith("ExpiredToken");
    }

    @Test
    void aTokenForAnotherNamespaceIsRefused() {
        assertThat(validator.validate(SasTokens.token("amqp://elsewhere/work", "Root", "secret-key",
                NOW.plusSeconds(60))).reason()).startsWith("InvalidAudience");
    }

    @Test
    void anUnknownKeyNameIsRefused() {
        assertThat(validator.validate(SasTokens.token("amqp://localhost/work", "Other", "secret-key",
                NOW.plusSeconds(60))).reason()).startsWith("InvalidSignature");
    }

    @Test
    void somethingThatIsNotASasTokenIsRefused() {
        assertThat(validator.validate("Bearer abc").valid()).isFalse();
        assertThat(validator.validate("SharedAccessSignature sr=x").reason()).contains("'sig' is missing");
    }
}
