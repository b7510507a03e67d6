package io.avdroll.emulator.servicebus;

/**
 * Message counts of one entity as Azure Monitor reports them: ActiveMessages (available and locked),
 * ScheduledMessages and DeadletteredMessages. For a topic, active and dead-lettered add up its subscriptions.
 */
public record EntityCounts(long active, long scheduled, long deadLettered) {
}
