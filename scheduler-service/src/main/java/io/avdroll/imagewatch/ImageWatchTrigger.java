package io.avdroll.imagewatch;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.coordinator.PoolObserver;
import io.avdroll.trigger.PoolTarget;
import io.avdroll.trigger.RolloutStarter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Every {@code avdroll.image-watch.interval} (default 15 min) reads each watched pool's hosts and its gallery image's
 * versions, and asks for a rollout when {@link ImageWatchDecision} says so. The rollout id is
 * {@code image-watch-<version>}: every instance and every later check asks for the same rollout, which duplicate
 * detection and the coordinator turn into one (see {@link RolloutStarter}).
 */
@ApplicationScoped
public class ImageWatchTrigger {

    public static final String REQUESTED_BY = "image-watch";
    private static final Logger LOG = Logger.getLogger(ImageWatchTrigger.class);

    private final WatchedPools pools;
    private final PoolObserver observer;
    private final ImageGallery gallery;
    private final RolloutStarter starter;
    private final Clock clock;

    public ImageWatchTrigger(WatchedPools pools, HostPools hostPools, SessionHosts sessionHosts,
                             VirtualMachines virtualMachines, ImageGallery gallery, RolloutStarter starter, Clock clock) {
        this.pools = pools;
        this.observer = new PoolObserver(hostPools, sessionHosts, virtualMachines);
        this.gallery = gallery;
        this.starter = starter;
        this.clock = clock;
    }

    @Scheduled(identity = "image-watch", every = "${avdroll.image-watch.interval:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant now = clock.instant();
        for (WatchedPool pool : pools.all()) {
            try {
                check(pool, now);
            } catch (RuntimeException e) {
                LOG.errorf("image watch of %s: %s", pool.target().hostPool(), e.getMessage());
            }
        }
    }

    private void check(WatchedPool pool, Instant now) {
        PoolTarget target = pool.target();
        HostPoolView view = observer.pool(target.poolRef());
        List<String> running = observer.observe(view, target.poolRef(), target.versionId("0.0.0")).vms().values().stream()
                .map(VirtualMachineView::imageReferenceId).map(target::versionNameOf).filter(Objects::nonNull).toList();
        ImageWatchDecision decision = ImageWatchDecision.decide(gallery.listVersions(target.image()), running,
                view.location(), pool.policy(), now);
        if (!decision.start()) {
            LOG.debugf("image watch of %s: nothing to start (%s)", target.hostPool(), decision.reason());
            return;
        }
        LOG.infof("image watch of %s: %s", target.hostPool(), decision.reason());
        starter.start(target, rolloutIdOf(decision.version().name()), decision.version().name(), REQUESTED_BY, now);
    }

    /** {@code image-watch-2.1.0}: one id per version, whoever computes it. */
    public static String rolloutIdOf(String versionName) {
        return "image-watch-" + versionName;
    }
}
