package io.avdroll.bus;

/** A running handler; closing it stops receiving (messages in flight finish first where possible). */
public interface Consumption extends AutoCloseable {

    @Override
    void close();
}
