package io.avdroll.azure.client;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.implementation.ComputeManagementClientBuilder;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.implementation.NetworkManagementClientBuilder;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import io.avdroll.azure.calls.AzureCallObserver;
import io.avdroll.azure.calls.CallObservingPolicy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One HTTPS connection setup to ARM shared by every adapter: one JDK HTTP client, one credential, one pipeline
 * (retry honouring 429 + Retry-After, bearer token, header-only logging). The Azure SDK managers and the
 * Desktop Virtualization REST calls both run over {@link #pipeline()}.
 *
 * <p>The SDK clients are built on first use, and only the two the adapters call: each generated client makes a
 * REST proxy per operation group when built (compute has 52, network 156), and {@link AzureResourceManager} builds
 * some twenty managers with hundreds of them. Built eagerly, that was most of a service's start-up CPU.
 */
public final class AzureConnection {

    private final AzureClientConfig config;
    private final AzureProfile profile;
    private final HttpPipeline pipeline;
    private final Supplier<ComputeManagementClient> compute;
    private final Supplier<NetworkManagementClient> network;
    private final Supplier<AzureResourceManager> resourceManager;

    private AzureConnection(AzureClientConfig config, AzureProfile profile, HttpPipeline pipeline) {
        this.config = config;
        this.profile = profile;
        this.pipeline = pipeline;
        String endpoint = profile.getEnvironment().getResourceManagerEndpoint();
        this.compute = Memo.of(() -> new ComputeManagementClientBuilder().pipeline(pipeline).endpoint(endpoint)
            .subscriptionId(config.subscriptionId()).buildClient());
        this.network = Memo.of(() -> new NetworkManagementClientBuilder().pipeline(pipeline).endpoint(endpoint)
            .subscriptionId(config.subscriptionId()).buildClient());
        this.resourceManager = Memo.of(() -> AzureResourceManager.authenticate(pipeline, profile).withSubscription(config.subscriptionId()));
    }

    public static AzureConnection open(AzureClientConfig config) {
        return open(config, AzureCallObserver.NONE);
    }

    /** With every HTTP attempt (retries included) reported to {@code observer}, e.g. for call and throttle metrics. */
    public static AzureConnection open(AzureClientConfig config, AzureCallObserver observer) {
        HttpClient httpClient = httpClient(config);
        AzureEnvironment environment = environment(config.armEndpoint());
        AzureProfile profile = new AzureProfile(blankToNull(config.tenantId()), config.subscriptionId(), environment);
        TokenCredential credential = credential(config, httpClient);
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null, logOptions(config),
            null, retryPolicy(config), List.of(new CallObservingPolicy(observer)), httpClient);
        return new AzureConnection(config, profile, pipeline);
    }

    public AzureClientConfig config() {
        return config;
    }

    public AzureProfile profile() {
        return profile;
    }

    public HttpPipeline pipeline() {
        return pipeline;
    }

    /** Virtual machines, extensions, disks, resource SKUs and gallery image versions (built on first use). */
    public ComputeManagementClient compute() {
        return compute.get();
    }

    /** Network interfaces (built on first use). */
    public NetworkManagementClient network() {
        return network.get();
    }

    /**
     * Every manager of the SDK's fluent API, over the same pipeline. Built on first use and costly (a second or more
     * of CPU): for tests and ad-hoc use; adapters use {@link #compute()} and {@link #network()}.
     */
    public AzureResourceManager resourceManager() {
        return resourceManager.get();
    }

    /** ARM base URL without a trailing slash, e.g. {@code https://management.azure.com}. */
    public String armBaseUrl() {
        String url = config.armEndpoint().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static HttpClient httpClient(AzureClientConfig config) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (config.customTrust()) {
            jdk.sslContext(TrustMaterial.sslContext(config));
        }
        return new JdkHttpClientBuilder(jdk)
            .connectionTimeout(config.connectTimeout())
            .responseTimeout(config.responseTimeout())
            .build();
    }

    /**
     * The SDK derives token scopes and endpoints from the whole environment map, so a partial map breaks it:
     * copy the public cloud's map and point the ARM entries at the configured endpoint.
     */
    static AzureEnvironment environment(URI armEndpoint) {
        String url = armEndpoint.toString();
        String withSlash = url.endsWith("/") ? url : url + "/";
        if (withSlash.equals(AzureEnvironment.AZURE.getResourceManagerEndpoint())) {
            return AzureEnvironment.AZURE;
        }
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", withSlash);
        endpoints.put("managementEndpointUrl", withSlash);
        return new AzureEnvironment(endpoints);
    }

    private static TokenCredential credential(AzureClientConfig config, HttpClient httpClient) {
        if (config.credentialMode() == CredentialMode.STATIC_TOKEN) {
            return new StaticTokenCredential(config.staticToken());
        }
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(httpClient);
        if (config.tenantId() != null && !config.tenantId().isBlank()) {
            builder.tenantId(config.tenantId());
        }
        return builder.build();
    }

    private static RetryPolicy retryPolicy(AzureClientConfig config) {
        // with no header name given, azure-core uses retry-after-ms, x-ms-retry-after-ms and Retry-After itself
        return new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
            .setMaxRetries(config.maxRetries())
            .setBaseDelay(config.retryBaseDelay())
            .setMaxDelay(config.retryMaxDelay())));
    }

    /** Never bodies (see {@link AzureClientConfig}); only harmless headers are printed in clear. */
    static HttpLogOptions logOptions(AzureClientConfig config) {
        return new HttpLogOptions()
            .setLogLevel(config.httpLogLevel())
            .setAllowedHeaderNames(Set.of("x-ms-request-id", "x-ms-correlation-request-id", "Retry-After",
                "Azure-AsyncOperation", "Location", "Content-Type", "Content-Length"))
            .setAllowedQueryParamNames(Set.of("api-version", "$expand", "$filter", "$skiptoken", "pageSize"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
