package io.avdroll.azure.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the TLS context that trusts the configured trust store (e.g. the emulator's self-signed certificate). */
final class TrustMaterial {

    private TrustMaterial() {
    }

    static SSLContext sslContext(AzureClientConfig config) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(config.trustStorePath())) {
            store = KeyStore.getInstance(config.trustStoreType());
            store.load(in, config.trustStorePassword().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            // KeyStore reports a wrong password as an IOException; say which key to check, not the value
            throw new InvalidAzureConfigException(AzureClientConfig.TRUST_STORE_PATH,
                "cannot load " + config.trustStoreType() + " trust store " + config.trustStorePath()
                    + " (check the file and " + AzureClientConfig.TRUST_STORE_PASSWORD + "): " + e.getClass().getSimpleName());
        }
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise TLS with the configured trust store", e);
        }
    }
}
