package io.avdroll.bus;

/**
 * Handles events from a session-enabled endpoint: all events of one session (one host pool) reach one
 * handler call at a time, in order, together with the session's state. State set through
 * {@link SessionState#set} is written to the broker after the handler returns and before the message is
 * settled; if the handler throws, nothing is written and the message is abandoned.
 */
@FunctionalInterface
public interface SessionEventHandler {

    Settlement handle(Delivery delivery, SessionState state) throws Exception;
}
