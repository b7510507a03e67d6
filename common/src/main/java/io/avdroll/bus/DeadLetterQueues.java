package io.avdroll.bus;

import java.util.List;

/** Reads and re-submits what the broker dead-lettered, per entity (queue or subscription). */
public interface DeadLetterQueues extends AutoCloseable {

    /** Every entity that can dead-letter: queues and all subscriptions, forwarding ones included. */
    List<String> entities();

    /** Up to {@code max} dead-lettered messages of {@code entityPath} from {@code fromSequenceNumber} on, oldest first. */
    List<DeadLetteredMessage> peek(String entityPath, long fromSequenceNumber, int max);

    /**
     * Sends a copy of the dead-lettered message back to where it is read (under a new MessageId, so duplicate
     * detection lets it through) and only then removes it from the dead-letter queue.
     *
     * @return the copy's MessageId
     * @throws java.util.NoSuchElementException when no such message is in that dead-letter queue (any more)
     */
    String resubmit(String entityPath, long sequenceNumber);

    @Override
    void close();
}
