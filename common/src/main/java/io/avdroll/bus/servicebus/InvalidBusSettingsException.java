package io.avdroll.bus.servicebus;

/** A Service Bus setting is missing or invalid. The message names the key, never its value. */
public final class InvalidBusSettingsException extends IllegalArgumentException {

    private final String key;

    public InvalidBusSettingsException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
