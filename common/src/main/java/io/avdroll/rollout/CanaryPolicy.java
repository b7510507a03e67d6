package io.avdroll.rollout;

/**
 * The first {@code size} hosts go alone; the window opens only once that many hosts are verified.
 * With {@code widen}, the window then grows with success: it equals the number of hosts verified so far
 * (at least the canary size, at least 1), capped at maxUnavailable — so it roughly doubles per round.
 */
public record CanaryPolicy(int size, boolean widen) {
    public static CanaryPolicy none() {
        return new CanaryPolicy(0, false);
    }

    public static CanaryPolicy of(int size) {
        return new CanaryPolicy(size, false);
    }
}
