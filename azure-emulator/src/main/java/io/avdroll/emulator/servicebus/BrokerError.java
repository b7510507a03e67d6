package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** A refusal with the AMQP error condition (and management status code) the Service Bus SDK maps to its reasons. */
final class BrokerError extends RuntimeException {

    static final Symbol NOT_FOUND = Symbol.valueOf("amqp:not-found");
    static final Symbol UNAUTHORIZED = Symbol.valueOf("amqp:unauthorized-access");
    static final Symbol NOT_ALLOWED = Symbol.valueOf("amqp:not-allowed");
    static final Symbol DECODE_ERROR = Symbol.valueOf("amqp:decode-error");
    static final Symbol NOT_IMPLEMENTED = Symbol.valueOf("amqp:not-implemented");
    static final Symbol MESSAGE_SIZE_EXCEEDED = Symbol.valueOf("amqp:link:message-size-exceeded");
    static final Symbol MESSAGE_LOCK_LOST = Symbol.valueOf("com.microsoft:message-lock-lost");
    static final Symbol SESSION_LOCK_LOST = Symbol.valueOf("com.microsoft:session-lock-lost");
    static final Symbol SESSION_CANNOT_BE_LOCKED = Symbol.valueOf("com.microsoft:session-cannot-be-locked");
    static final Symbol TIMEOUT = Symbol.valueOf("com.microsoft:timeout");
    static final Symbol ARGUMENT_ERROR = Symbol.valueOf("com.microsoft:argument-error");

    private final Symbol condition;
    private final int statusCode;

    BrokerError(Symbol condition, int statusCode, String description) {
        super(description, null, false, false);
        this.condition = condition;
        this.statusCode = statusCode;
    }

    static BrokerError entityNotFound(String path) {
        return new BrokerError(NOT_FOUND, 404, "The messaging entity '" + path + "' could not be found.");
    }

    static BrokerError lockLost(Object token) {
        return new BrokerError(MESSAGE_LOCK_LOST, 410, "The lock supplied is invalid. Either the lock expired, or "
                + "the message has already been removed from the queue. Reference: " + token);
    }

    static BrokerError sessionLockLost(String sessionId) {
        return new BrokerError(SESSION_LOCK_LOST, 410, "The session lock has expired on session '" + sessionId + "'.");
    }

    static BrokerError badRequest(String description) {
        return new BrokerError(ARGUMENT_ERROR, 400, description);
    }

    Symbol condition() {
        return condition;
    }

    int statusCode() {
        return statusCode;
    }

    ErrorCondition toErrorCondition() {
        return new ErrorCondition(condition, getMessage());
    }
}
