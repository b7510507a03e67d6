package io.avdroll.bus;

/**
 * Told how every received message ended, including bodies that never reached a handler (invalid events), so
 * metrics count what the broker saw rather than what handlers chose to report. Must not throw or block.
 */
@FunctionalInterface
public interface DeliveryObserver {

    DeliveryObserver NONE = outcome -> { };

    void observed(DeliveryOutcome outcome);
}
