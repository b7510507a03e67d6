package io.avdroll.coordinator;

/** A coordinator setting that cannot be used: names the key and the reason. Stops the service at start. */
public final class InvalidCoordinatorConfigException extends IllegalArgumentException {

    private final String key;

    public InvalidCoordinatorConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
