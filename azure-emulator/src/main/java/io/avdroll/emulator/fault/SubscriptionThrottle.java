package io.avdroll.emulator.fault;

import io.avdroll.emulator.arm.ArmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets per subscription and request kind, like Azure Resource Manager's published throttling
 * (per subscription: reads 250 bucket / 25 per second, writes 200 / 10, deletes 200 / 10).
 * Off unless limits are set.
 */
public final class SubscriptionThrottle {
    /** Bucket sizes and refill rates; JSON-bindable. */
    public static final class Limits {
        public double readBucket = 250;
        public double readRefillPerSecond = 25;
        public double writeBucket = 200;
        public double writeRefillPerSecond = 10;
        public double deleteBucket = 200;
        public double deleteRefillPerSecond = 10;

        void validate() {
            for (double v : new double[] {readBucket, readRefillPerSecond, writeBucket, writeRefillPerSecond, deleteBucket, deleteRefillPerSecond}) {
                if (!(v > 0)) {
                    throw new IllegalArgumentException("subscriptionLimits: every bucket size and refill rate must be > 0");
                }
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    private final Clock clock;
    private volatile Limits limits;
    private final Map<String, Bucket> buckets = new HashMap<>();

    public SubscriptionThrottle(Clock clock) {
        this.clock = clock;
    }

    public synchronized void configure(Limits limits) {
        if (limits != null) {
            limits.validate();
        }
        this.limits = limits;
        buckets.clear();
    }

    public Limits limits() {
        return limits;
    }

    /** Takes a token; a 429 with Retry-After when the bucket is empty. {@code remaining} gets the tokens left. */
    public synchronized Optional<ArmException> take(String subscription, String method, Map<String, String> remainingHeaders) {
        Limits l = limits;
        if (l == null || subscription == null) {
            return Optional.empty();
        }
        String kind = method.equals("GET") || method.equals("HEAD") ? "reads" : method.equals("DELETE") ? "deletes" : "writes";
        double size = kind.equals("reads") ? l.readBucket : kind.equals("deletes") ? l.deleteBucket : l.writeBucket;
        double rate = kind.equals("reads") ? l.readRefillPerSecond : kind.equals("deletes") ? l.deleteRefillPerSecond : l.writeRefillPerSecond;
        long nowNanos = clock.millis() * 1_000_000L;
        Bucket b = buckets.computeIfAbsent(subscription.toLowerCase() + "/" + kind, k -> {
            Bucket nb = new Bucket();
            nb.tokens = size;
            nb.lastNanos = nowNanos;
            return nb;
        });
        b.tokens = Math.min(size, b.tokens + (nowNanos - b.lastNanos) / 1e9 * rate);
        b.lastNanos = nowNanos;
        if (b.tokens < 1) {
            long retryAfter = Math.max(1, (long) Math.ceil((1 - b.tokens) / rate));
            remainingHeaders.put("x-ms-ratelimit-remaining-subscription-" + kind, "0");
            return Optional.of(new ArmException(429, "SubscriptionRequestsThrottled",
                    "Number of '" + kind + "' requests for subscription '" + subscription
                            + "' actor '' exceeded. Please try again after '" + retryAfter + "' seconds after the first request.")
                    .header("Retry-After", String.valueOf(retryAfter)));
        }
        b.tokens -= 1;
        remainingHeaders.put("x-ms-ratelimit-remaining-subscription-" + kind, String.valueOf((long) b.tokens));
        return Optional.empty();
    }
}
