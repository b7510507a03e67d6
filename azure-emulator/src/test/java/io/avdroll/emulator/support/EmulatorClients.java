package io.avdroll.emulator.support;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.AzureResourceManager;
import io.avdroll.emulator.AzureEmulator;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Builds the real Azure SDK client against an emulator: copied endpoints, HTTPS trusting its certificate, a static token. */
public final class EmulatorClients {
    public static final String TENANT = "11111111-1111-1111-1111-111111111111";
    public static final TokenCredential STATIC_TOKEN = request -> Mono.just(new AccessToken("emulator-test-token", OffsetDateTime.now().plusHours(1)));

    private EmulatorClients() {
    }

    public static AzureEnvironment environment(AzureEmulator emulator) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", emulator.armEndpoint());
        endpoints.put("managementEndpointUrl", emulator.armEndpoint());
        return new AzureEnvironment(endpoints);
    }

    public static HttpClient httpClient(AzureEmulator emulator) {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(emulator.sslContext())).build();
    }

    public static AzureResourceManager resourceManager(AzureEmulator emulator, String subscription) {
        AzureProfile profile = new AzureProfile(TENANT, subscription, environment(emulator));
        return AzureResourceManager.configure().withHttpClient(httpClient(emulator))
                .authenticate(STATIC_TOKEN, profile).withSubscription(subscription);
    }
}
