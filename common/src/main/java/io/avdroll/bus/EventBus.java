package io.avdroll.bus;

/** The project's port to the message broker: publish and consume events. */
public interface EventBus extends EventPublisher, EventConsumer, AutoCloseable {

    @Override
    void close();
}
