package io.avdroll.coordinator;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.events.MessageIds;
import io.avdroll.events.UpdateRequested;
import java.time.Duration;
import java.time.Instant;

/**
 * Which pool a rollout redeploys, to which image, and who asked: what every event the coordinator publishes needs
 * besides the record itself.
 *
 * @param targetImageVersionId the gallery image version id exactly as requested (events carry it verbatim)
 * @param bakeTime             the request's bake-time override, handed to the verifier in every drain request;
 *                             null when the request has none (the verifier's default applies)
 */
public record RolloutTarget(String subscriptionId, String resourceGroup, String hostPool, String targetImageVersionId,
                            String requestedBy, Instant requestedAt, Duration bakeTime) {

    /** Without a bake-time override. */
    public RolloutTarget(String subscriptionId, String resourceGroup, String hostPool, String targetImageVersionId,
                         String requestedBy, Instant requestedAt) {
        this(subscriptionId, resourceGroup, hostPool, targetImageVersionId, requestedBy, requestedAt, null);
    }

    public static RolloutTarget of(UpdateRequested request) {
        return new RolloutTarget(request.subscriptionId(), request.resourceGroup(), request.hostPool(),
                request.targetImageVersionId(), request.requestedBy(), request.requestedAt(), request.overrides().bakeTime());
    }

    public HostPoolRef poolRef() {
        return new HostPoolRef(resourceGroup, hostPool);
    }

    public String sessionId() {
        return MessageIds.sessionIdOf(subscriptionId, resourceGroup, hostPool);
    }
}
