package io.avdroll.bus.servicebus;

import com.azure.messaging.servicebus.models.DeadLetterOptions;

/** Settles one received message, whichever client received it (processor context or session receiver). */
interface Settler {

    void complete();

    void abandon();

    void deadLetter(DeadLetterOptions options);
}
