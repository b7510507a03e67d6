package io.avdroll.azure.support;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

/**
 * A throw-away self-signed certificate for localhost made with the JDK's keytool, and a trust store holding only
 * that certificate (what a service would be configured with for the emulator).
 */
public final class TestTls {

    public static final String PASSWORD = "test-store-pass";

    private final Path keyStore;
    private final Path trustStore;

    private TestTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    private static TestTls shared;

    /** One certificate per test JVM: keytool is slow to start and the tests need no more than one. */
    public static synchronized TestTls shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    public static TestTls create() {
        try {
            Path dir = Files.createTempDirectory("avdroll-tls");
            Path keyStore = dir.resolve("server.p12");
            Path cert = dir.resolve("server.cer");
            Path trustStore = dir.resolve("trust.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "arm", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD));
            run(List.of(keytool, "-exportcert", "-alias", "arm", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", cert.toString()));
            run(List.of(keytool, "-importcert", "-noprompt", "-alias", "arm", "-file", cert.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD));
            return new TestTls(keyStore, trustStore);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot make a test certificate with keytool", e);
        }
    }

    public Path trustStore() {
        return trustStore;
    }

    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
