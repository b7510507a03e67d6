package io.avdroll.bus;

/**
 * Handles events from an endpoint without sessions. Returns how to settle the message; an exception
 * thrown here abandons the message (it is redelivered, and dead-lettered by the broker once it
 * exceeds the entity's max delivery count).
 */
@FunctionalInterface
public interface EventHandler {

    Settlement handle(Delivery delivery) throws Exception;
}
