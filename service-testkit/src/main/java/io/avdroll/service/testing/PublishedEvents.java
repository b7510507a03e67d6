package io.avdroll.service.testing;

import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The events a service under test published, read from the subscription of the service downstream of it (which is
 * not running in the test) with the real Service Bus SDK, completed as that service would.
 */
public final class PublishedEvents<E extends Event> implements AutoCloseable {

    private final List<E> received = new CopyOnWriteArrayList<>();
    private final ServiceBusProcessorClient processor;

    private PublishedEvents(String topic, String subscription, Class<E> type) {
        EventCodec codec = new EventCodec();
        processor = EmulatorProbe.serviceBus().processor().topicName(topic).subscriptionName(subscription)
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .processMessage(context -> {
                    received.add(codec.decode(context.getMessage().getBody().toBytes(), type));
                    context.complete();
                })
                .processError(error -> { })
                .buildProcessorClient();
    }

    /** Starts reading {@code topic}'s {@code subscription}; close it when the test class is done. */
    public static <E extends Event> PublishedEvents<E> read(String topic, String subscription, Class<E> type) {
        PublishedEvents<E> events = new PublishedEvents<>(topic, subscription, type);
        events.processor.start();
        return events;
    }

    /** What arrived so far whose {@code key} equals {@code value} (e.g. the events of one host pool). */
    public List<E> where(Function<E, String> key, String value) {
        return received.stream().filter(e -> value.equals(key.apply(e))).toList();
    }

    @Override
    public void close() {
        processor.close();
        received.clear();
    }
}
