package io.avdroll.azure.client;

/** A configuration value that cannot be used; names the key and says why (never echoes a secret value). */
public final class InvalidAzureConfigException extends IllegalArgumentException {

    private final String key;

    public InvalidAzureConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
