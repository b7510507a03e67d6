package io.avdroll.azure.client;

import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.management.AzureEnvironment;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureClientConfigTest {

    private static final String SUB = "00000000-0000-0000-0000-000000000001";

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put(AzureClientConfig.SUBSCRIPTION_ID, SUB);
        return m;
    }

    @Test
    void aMinimalConfigTargetsPublicArmWithTheDefaultCredential() {
        AzureClientConfig config = AzureClientConfig.fromMap(minimal());
        assertThat(config.armEndpoint()).isEqualTo(AzureClientConfig.PUBLIC_ARM);
        assertThat(config.credentialMode()).isEqualTo(CredentialMode.DEFAULT);
        assertThat(config.httpLogLevel()).isEqualTo(HttpLogDetailLevel.BASIC);
        assertThat(config.customTrust()).isFalse();
    }

    @Test
    void emulatorSettingsAreReadWithDurationsInShortForm() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.ARM_ENDPOINT, "https://localhost:8443");
        m.put(AzureClientConfig.CREDENTIAL, "static-token");
        m.put(AzureClientConfig.STATIC_TOKEN, "local");
        m.put(AzureClientConfig.RESPONSE_TIMEOUT, "1500ms");
        m.put(AzureClientConfig.OPERATION_TIMEOUT, "2m");
        m.put(AzureClientConfig.MAX_RETRIES, "3");
        AzureClientConfig config = AzureClientConfig.fromMap(m);
        assertThat(config.armEndpoint()).isEqualTo(URI.create("https://localhost:8443/"));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.operationTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxRetries()).isEqualTo(3);
    }

    @Test
    void aMissingSubscriptionIsNamedInTheError() {
        assertThatThrownBy(() -> AzureClientConfig.fromMap(new HashMap<>()))
            .isInstanceOf(InvalidAzureConfigException.class)
            .hasMessage("avdroll.azure.subscription-id: is required");
    }

    @Test
    void aPlainHttpEndpointIsRefusedBecauseTheSdkSendsTokensOnlyOverHttps() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.ARM_ENDPOINT, "http://localhost:8080/");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .hasMessageStartingWith("avdroll.azure.arm-endpoint: must be an absolute https URL");
    }

    @Test
    void aStaticTokenModeWithoutATokenIsRefused() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.ARM_ENDPOINT, "https://localhost:8443/");
        m.put(AzureClientConfig.CREDENTIAL, "static-token");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .isInstanceOfSatisfying(InvalidAzureConfigException.class,
                e -> assertThat(e.key()).isEqualTo(AzureClientConfig.STATIC_TOKEN));
    }

    @Test
    void aStaticTokenIsRefusedAgainstPublicAzure() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.CREDENTIAL, "static-token");
        m.put(AzureClientConfig.STATIC_TOKEN, "x");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m)).hasMessageStartingWith("avdroll.azure.credential:");
    }

    @Test
    void bodyLoggingIsRefusedBecauseBodiesCarryRegistrationTokens() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.HTTP_LOG_LEVEL, "body_and_headers");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .hasMessageStartingWith("avdroll.azure.http.log-level: bodies are never logged");
    }

    @Test
    void badValuesNameTheirKeyAndTheReason() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.RETRY_BASE_DELAY, "soon");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .hasMessageStartingWith("avdroll.azure.retry.base-delay: not a duration");
        m.remove(AzureClientConfig.RETRY_BASE_DELAY);
        m.put(AzureClientConfig.MAX_RETRIES, "-1");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .hasMessage("avdroll.azure.retry.max-retries: must be between 0 and 20, got -1");
        m.remove(AzureClientConfig.MAX_RETRIES);
        m.put(AzureClientConfig.SUBSCRIPTION_ID, "my-sub");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .hasMessageStartingWith("avdroll.azure.subscription-id: must be a GUID");
    }

    @Test
    void aTrustStoreThatIsNotThereIsNamed() {
        Map<String, String> m = minimal();
        m.put(AzureClientConfig.TRUST_STORE_PATH, Path.of("does-not-exist.p12").toString());
        m.put(AzureClientConfig.TRUST_STORE_PASSWORD, "secret-pass");
        assertThatThrownBy(() -> AzureClientConfig.fromMap(m))
            .hasMessageStartingWith("avdroll.azure.trust-store.path: file not readable")
            .hasMessageNotContaining("secret-pass");
    }

    @Test
    void toStringHidesTheStaticTokenAndTrustStorePassword() {
        AzureClientConfig config = AzureClientConfig.builder(SUB)
            .emulator(URI.create("https://localhost:1/"), "the-static-token").build();
        assertThat(config.toString()).doesNotContain("the-static-token");
    }

    @Test
    void aCustomEndpointKeepsTheWholePublicEndpointMapAndOverridesOnlyArm() {
        AzureEnvironment env = AzureConnection.environment(URI.create("https://localhost:9443"));
        assertThat(env.getResourceManagerEndpoint()).isEqualTo("https://localhost:9443/");
        assertThat(env.getManagementEndpoint()).isEqualTo("https://localhost:9443/");
        assertThat(env.getActiveDirectoryEndpoint()).isEqualTo(AzureEnvironment.AZURE.getActiveDirectoryEndpoint());
        assertThat(env.getEndpoints()).hasSameSizeAs(AzureEnvironment.AZURE.getEndpoints());
    }
}
