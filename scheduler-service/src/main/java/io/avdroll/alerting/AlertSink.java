package io.avdroll.alerting;

/** Where alerts go: the log, a webhook. A sink that fails must not stop the others. */
public interface AlertSink {

    void send(Alert alert) throws Exception;

    String name();
}
