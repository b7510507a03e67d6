package io.avdroll.azure.client;

/** How the adapters authenticate to ARM. */
public enum CredentialMode {
    /** {@code DefaultAzureCredential}: managed identity in Azure, developer logins elsewhere. */
    DEFAULT,
    /** A fixed bearer token, for the local ARM emulator only. */
    STATIC_TOKEN
}
