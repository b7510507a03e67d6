package io.avdroll.imagewatch;

import io.avdroll.azure.gallery.ImageVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image watch's pure decision: given the gallery image's versions and the versions the pool's hosts run, whether
 * to start a rollout and to which version.
 * <p>
 * The pool "runs" the newest version any of its hosts has, so a rollout left half done (paused, cancelled) is not
 * started again by the watch. A candidate is newer than that, provisioned, not at its end of life, published at
 * least the policy's delay ago and, unless the policy says otherwise, not excluded from latest (globally or for the
 * pool's region). The newest candidate wins; a newer version still within its delay waits for a later check. A pool
 * whose hosts run no version of this image is left alone: nothing says which version it should have.
 *
 * @param version the version to roll to; null when nothing starts
 * @param reason  why, for the log
 */
public record ImageWatchDecision(ImageVersion version, String reason) {

    public boolean start() {
        return version != null;
    }

    public static ImageWatchDecision decide(Collection<ImageVersion> versions, Collection<String> runningVersionNames,
                                            String location, ImageWatchPolicy policy, Instant now) {
        Optional<VersionNumber> running = runningVersionNames.stream().map(VersionNumber::parse).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (running.isEmpty()) {
            return new ImageWatchDecision(null, "no host of the pool runs a version of this image");
        }
        Map<VersionNumber, ImageVersion> newer = new TreeMap<>(Comparator.reverseOrder());
        for (ImageVersion v : versions) {
            VersionNumber.parse(v.name()).filter(n -> n.compareTo(running.get()) > 0).ifPresent(n -> newer.put(n, v));
        }
        if (newer.isEmpty()) {
            return new ImageWatchDecision(null, "the pool runs " + running.get() + ", the newest version");
        }
        List<String> passedOver = new ArrayList<>();
        for (ImageVersion v : newer.values()) {
            Optional<String> why = whyNot(v, location, policy, now);
            if (why.isEmpty()) {
                return new ImageWatchDecision(v, v.name() + " is newer than " + running.get() + ", the newest version the pool runs"
                        + (passedOver.isEmpty() ? "" : " (passed over: " + String.join("; ", passedOver) + ")"));
            }
            passedOver.add(v.name() + " " + why.get());
        }
        return new ImageWatchDecision(null, "the pool runs " + running.get() + "; " + String.join("; ", passedOver));
    }

    private static Optional<String> whyNot(ImageVersion v, String location, ImageWatchPolicy policy, Instant now) {
        if (v.provisioningState() != null && !v.provisioningState().equalsIgnoreCase("Succeeded")) {
            return Optional.of("is " + v.provisioningState() + ", not Succeeded");
        }
        if (v.endOfLifeDate() != null && !v.endOfLifeDate().isAfter(now)) {
            return Optional.of("reached its end of life on " + v.endOfLifeDate());
        }
        if (policy.skipExcludedFromLatest() && !v.eligibleForLatest(location)) {
            return Optional.of("is excluded from latest" + (v.excludeFromLatest() ? "" : " in " + location));
        }
        if (v.publishedDate() == null) {
            return Optional.of("has no publishing date to count the delay from");
        }
        Instant ready = v.publishedDate().plus(policy.delay());
        if (ready.isAfter(now)) {
            return Optional.of("was published " + v.publishedDate() + " and waits until " + ready);
        }
        return Optional.empty();
    }
}
