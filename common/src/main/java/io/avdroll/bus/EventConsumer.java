package io.avdroll.bus;

import io.avdroll.topology.ReceiveEndpoint;

/**
 * Starts handlers on the endpoints of topology.json. A body that is not a valid event never reaches a
 * handler: it is dead-lettered with reason {@link DeadLetterReasons#INVALID_EVENT} and a description
 * naming the field.
 */
public interface EventConsumer {

    /** For an endpoint without sessions; fails if the topology says it requires sessions. */
    Consumption consume(ReceiveEndpoint endpoint, EventHandler handler);

    /** For a session-enabled endpoint; fails if the topology says it does not require sessions. */
    Consumption consumeSessions(ReceiveEndpoint endpoint, SessionEventHandler handler);
}
