package io.avdroll.trigger;

/** A schedule or image-watch key that cannot be used: names the key and the reason. Stops the service at start. */
public final class InvalidTriggerConfigException extends IllegalArgumentException {

    private final String key;

    public InvalidTriggerConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
