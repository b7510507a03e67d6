package io.avdroll.bus;

/** A running handler; closing it stops receiving (messages in flight finish first where possible). */
public interface Consumption extends AutoCloseable {

    @Override
    void close();

    /** Whether it still receives: false once closed, or when its receiver stopped by itself (a stuck service). */
    default boolean running() {
        return true;
    }
}
