package io.avdroll.trigger;

import io.avdroll.bus.EventPublisher;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.events.UpdateRequested;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Publishes a trigger's update-requested. The rollout id is the trigger's deterministic one, so the MessageId
 * ({@code {pool}/{rolloutId}/update-requested}) is the same from every instance and after a restart: Service Bus
 * duplicate detection drops the copies, and the coordinator treats a request for the rollout it already has as a
 * duplicate. A pool this instance knows to be rolling is not asked again; the coordinator refuses such a request
 * anyway, and it is the authority (this instance only knows the pools whose events it handled).
 */
public final class RolloutStarter {

    private static final Logger LOG = Logger.getLogger(RolloutStarter.class);

    private final EventPublisher bus;
    private final RolloutRecords records;

    public RolloutStarter(EventPublisher bus, RolloutRecords records) {
        this.bus = bus;
        this.records = records;
    }

    /** @return what was done, for the log */
    public String start(PoolTarget target, String rolloutId, String versionName, String requestedBy, Instant requestedAt) {
        Optional<CoordinatorState> known = records.find(target.subscriptionId(), target.resourceGroup(), target.hostPool());
        if (known.isPresent() && known.get().rolloutActive() && !known.get().record().rolloutId().equals(rolloutId)) {
            String text = "not requested: rollout " + known.get().record().rolloutId() + " is " + known.get().record().state()
                    + " on " + target.hostPool();
            LOG.infof("%s %s: %s", requestedBy, rolloutId, text);
            return text;
        }
        UpdateRequested request = new UpdateRequested(rolloutId, target.subscriptionId(), target.resourceGroup(),
                target.hostPool(), target.versionId(versionName), null, requestedBy, requestedAt);
        bus.publish(request);
        String text = "requested rollout " + rolloutId + " of " + target.hostPool() + " to " + versionName;
        LOG.infof("%s: %s (message %s)", requestedBy, text, request.messageId());
        return text;
    }
}
