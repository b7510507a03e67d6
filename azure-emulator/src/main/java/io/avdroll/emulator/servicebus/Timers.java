package io.avdroll.emulator.servicebus;

import java.time.Duration;

/** One-shot timers that fire on the broker's single thread. */
interface Timers {

    long schedule(Duration delay, Runnable task);

    void cancel(long timerId);
}
