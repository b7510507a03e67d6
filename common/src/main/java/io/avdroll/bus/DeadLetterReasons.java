package io.avdroll.bus;

/** DeadLetterReason values the bus itself uses. */
public final class DeadLetterReasons {

    /** The body is not a valid event; the description is {@code field: reason}. */
    public static final String INVALID_EVENT = "InvalidEvent";
    /** The message reached the wrong kind of handler (e.g. a session message on a non-session endpoint). */
    public static final String UNEXPECTED_MESSAGE = "UnexpectedMessage";

    private DeadLetterReasons() {
    }
}
