package io.avdroll.events;

/**
 * A message of the rollout chain. Every event belongs to one rollout of one host pool; its
 * {@link #messageId()} is deterministic so that Service Bus duplicate detection drops resends and
 * handlers can recognise a redelivery, and its {@link #sessionId()} keys the pool.
 */
public sealed interface Event
        permits UpdateRequested, RolloutControl, HostEvent {

    EventType type();

    String rolloutId();

    String subscriptionId();

    String resourceGroup();

    String hostPool();

    /** Deterministic: the same logical event always gets the same id (see {@link MessageIds}). */
    String messageId();

    /** SessionId = the host pool, so one coordinator instance owns a pool and sees its events in order. */
    default String sessionId() {
        return MessageIds.sessionIdOf(subscriptionId(), resourceGroup(), hostPool());
    }
}
