package io.avdroll.bus.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerThreadsTest {

    private static ServiceBusSettings settings(int calls, int sessions) {
        return ServiceBusSettings.from(Map.of(ServiceBusSettings.CONNECTION_STRING,
                "Endpoint=sb://localhost/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0",
                ServiceBusSettings.MAX_CONCURRENT_CALLS, Integer.toString(calls),
                ServiceBusSettings.MAX_CONCURRENT_SESSIONS, Integer.toString(sessions)));
    }

    @Test
    void eachHandlerNeedsAWorkerAndOneForTheDecodeItWaitsForAndEachSessionOneForItsDecodePlusHeadroom() {
        assertThat(HandlerThreads.needed(settings(16, 16))).isEqualTo(2 * 16 + 16 + 8);
        assertThat(HandlerThreads.needed(settings(4, 1))).isEqualTo(2 * 4 + 1 + 8);
    }

    @Test
    void aPoolTooSmallForTheConfiguredConcurrencyFailsTheStartNamingBothSettingsAndTheFix() {
        ServiceBusSettings sixteen = settings(16, 16);

        assertThatThrownBy(() -> HandlerThreads.check(56, 20, sixteen))
                .hasMessageContaining("avdroll.servicebus.max-concurrent-calls=16")
                .hasMessageContaining("avdroll.servicebus.max-concurrent-sessions=16")
                .hasMessageContaining("at least 56 threads")
                .hasMessageContaining("holds 20")
                .hasMessageContaining("-Dreactor.schedulers.defaultBoundedElasticSize=56");
        assertThatCode(() -> HandlerThreads.check(56, 56, sixteen)).doesNotThrowAnyException();
    }
}
