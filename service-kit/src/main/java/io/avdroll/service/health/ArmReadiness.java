package io.avdroll.service.health;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.avdroll.azure.client.AzureConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;

/**
 * ARM answers over the service's pipeline (TLS, token, retry). Any answer but 401 and 5xx counts: a 403 or 404
 * on the probe still proves the endpoint and the credential work; a 401 means the token is refused.
 */
@Readiness
@ApplicationScoped
public class ArmReadiness implements HealthCheck {

    private final CachedProbe probe;

    public ArmReadiness(AzureConnection connection, Clock clock) {
        String url = connection.armBaseUrl() + "/subscriptions/" + connection.config().subscriptionId()
                + "/resourcegroups?api-version=2021-04-01&$top=1";
        this.probe = new CachedProbe(() -> {
            try (HttpResponse response = connection.pipeline().sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
                int status = response.getStatusCode();
                return new CachedProbe.Result(status != 401 && status < 500, "ARM answered " + status);
            }
        }, Duration.ofSeconds(10), clock);
    }

    @Override
    public HealthCheckResponse call() {
        CachedProbe.Result result = probe.get();
        return HealthCheckResponse.named("azure-resource-manager").status(result.up()).withData("detail", result.detail()).build();
    }
}
