package io.avdroll.verify;

/** A bad {@code avdroll.verify.*} setting; the message names the key and the reason, so the service stops clearly. */
public final class InvalidVerifyConfigException extends IllegalArgumentException {

    public InvalidVerifyConfigException(String key, String reason) {
        super(key + ": " + reason);
    }
}
