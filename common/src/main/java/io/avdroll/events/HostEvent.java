package io.avdroll.events;

/** An event about one session host of the pool, in one attempt of the rollout at that host. */
public sealed interface HostEvent extends Event
        permits FollowUp, HostVerified, HostFailed {

    /** The session host name as the pool lists it, without the {@code {hostPool}/} prefix. */
    String host();

    /** 1 for the first pass over the host; a retry of a failed host raises it, giving fresh MessageIds. */
    int attempt();
}
