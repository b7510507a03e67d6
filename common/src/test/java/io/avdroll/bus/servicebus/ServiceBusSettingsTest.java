package io.avdroll.bus.servicebus;

import io.avdroll.events.EventCodec;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.avdroll.bus.servicebus.ServiceBusSettings.CONNECTION_STRING;
import static io.avdroll.bus.servicebus.ServiceBusSettings.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceBusSettingsTest {

    private static final String SECRET = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs9";
    private static final String VALID = "Endpoint=sb://contoso-avd.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + SECRET;

    @Test
    void aConnectionStringGivesItsNamespaceAndDefaultsApply() {
        ServiceBusSettings settings = ServiceBusSettings.from(Map.of(CONNECTION_STRING, VALID));

        assertThat(settings.fullyQualifiedNamespace()).isEqualTo("contoso-avd.servicebus.windows.net");
        assertThat(settings.usesConnectionString()).isTrue();
        assertThat(settings.maxConcurrentCalls()).isEqualTo(16);
        assertThat(settings.maxConcurrentSessions()).isEqualTo(16);
        assertThat(settings.maxLockRenewal()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aNamespaceAloneMeansDefaultAzureCredential() {
        ServiceBusSettings settings = ServiceBusSettings.from(Map.of(NAMESPACE, "contoso-avd.servicebus.windows.net",
                ServiceBusSettings.MAX_CONCURRENT_SESSIONS, "16"));

        assertThat(settings.usesConnectionString()).isFalse();
        assertThat(settings.maxConcurrentSessions()).isEqualTo(16);
        assertThat(settings.toString()).contains("DefaultAzureCredential");
    }

    @Test
    void theDevelopmentEmulatorConnectionStringIsAccepted() {
        ServiceBusSettings settings = ServiceBusSettings.from(Map.of(CONNECTION_STRING,
                "Endpoint=sb://localhost:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=x;UseDevelopmentEmulator=true;"));

        assertThat(settings.fullyQualifiedNamespace()).isEqualTo("localhost:5672");
    }

    @Test
    void neitherConnectionStringNorNamespaceIsRejectedNamingTheKey() {
        assertRejected(Map.of(), CONNECTION_STRING, "is required unless " + NAMESPACE + " is set");
    }

    @Test
    void bothConnectionStringAndNamespaceAreRejected() {
        assertRejected(Map.of(CONNECTION_STRING, VALID, NAMESPACE, "contoso-avd.servicebus.windows.net"), NAMESPACE, "not both");
    }

    @Test
    void aNamespaceWithASchemeIsRejected() {
        assertRejected(Map.of(NAMESPACE, "sb://contoso-avd.servicebus.windows.net"), NAMESPACE, "without scheme");
    }

    @Test
    void aConnectionStringWithoutAKeyIsRejected() {
        assertRejected(Map.of(CONNECTION_STRING, "Endpoint=sb://contoso-avd.servicebus.windows.net/;SharedAccessKeyName=Root"),
                CONNECTION_STRING, "SharedAccessKey");
    }

    @Test
    void anEntityScopedConnectionStringIsRejectedBecauseTheServicesNeedSeveralEntities() {
        assertRejected(Map.of(CONNECTION_STRING, VALID + ";EntityPath=coordinator"), CONNECTION_STRING, "without EntityPath");
    }

    @Test
    void aNonNumericConcurrencyIsRejectedNamingTheKey() {
        assertRejected(Map.of(CONNECTION_STRING, VALID, ServiceBusSettings.MAX_CONCURRENT_CALLS, "many"),
                ServiceBusSettings.MAX_CONCURRENT_CALLS, "must be an integer");
    }

    @Test
    void anOutOfRangeConcurrencyIsRejected() {
        assertRejected(Map.of(CONNECTION_STRING, VALID, ServiceBusSettings.MAX_CONCURRENT_SESSIONS, "0"),
                ServiceBusSettings.MAX_CONCURRENT_SESSIONS, "between 1 and 100");
    }

    @Test
    void aDurationThatIsNotIso8601IsRejected() {
        assertRejected(Map.of(CONNECTION_STRING, VALID, ServiceBusSettings.SESSION_IDLE_TIMEOUT, "30s"),
                ServiceBusSettings.SESSION_IDLE_TIMEOUT, "ISO-8601");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Endpoint=http://contoso-avd.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + SECRET,
            "Endpoint=sb://contoso-avd.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + SECRET + ";EntityPath=x",
            "Endpoint=sb://contoso-avd.servicebus.windows.net/;SharedAccessKey=" + SECRET,
            "garbage-" + SECRET,
            "Endpoint=sb://contoso-avd.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + SECRET + ";UseDevelopmentEmulator=maybe"})
    void noRejectionMessageContainsTheKey(String connectionString) {
        assertThatThrownBy(() -> ServiceBusSettings.from(Map.of(CONNECTION_STRING, connectionString)))
                .isInstanceOf(InvalidBusSettingsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).startsWith(CONNECTION_STRING + ": "));
    }

    @Test
    void toStringRedactsTheConnectionString() {
        assertThat(ServiceBusSettings.from(Map.of(CONNECTION_STRING, VALID)).toString())
                .doesNotContain(SECRET).doesNotContain("SharedAccessKey=").contains("redacted");
    }

    @Test
    void buildingTheBusLogsNoSecret() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try (ServiceBusEventBus bus = new ServiceBusEventBus(ServiceBusSettings.from(Map.of(CONNECTION_STRING, VALID)),
                TopologyReader.fromClasspath(), new EventCodec(), Clock.systemUTC())) {
            assertThat(bus).isNotNull();
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }

        assertThat(logged).anySatisfy(line -> assertThat(line).contains("contoso-avd.servicebus.windows.net"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(SECRET));
    }

    private static void assertRejected(Map<String, String> config, String key, String reasonPart) {
        assertThatThrownBy(() -> ServiceBusSettings.from(config))
                .isInstanceOfSatisfying(InvalidBusSettingsException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.getMessage()).startsWith(key + ": ").contains(reasonPart);
                });
    }
}
