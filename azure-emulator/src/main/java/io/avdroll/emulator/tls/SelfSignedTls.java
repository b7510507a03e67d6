package io.avdroll.emulator.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for localhost / 127.0.0.1 / ::1, made at start, and its trust material:
 * a PKCS12 trust store file, a PEM file, and a ready {@link SSLContext} for in-process clients.
 */
public final class SelfSignedTls {
    public static final String ALIAS = "azure-emulator";

    private final X509Certificate certificate;
    private final byte[] serverKeyStore;
    private final char[] password;
    private final Path trustStorePath;
    private final Path pemPath;

    private SelfSignedTls(X509Certificate certificate, byte[] serverKeyStore, char[] password, Path trustStorePath, Path pemPath) {
        this.certificate = certificate;
        this.serverKeyStore = serverKeyStore;
        this.password = password;
        this.trustStorePath = trustStorePath;
        this.pemPath = pemPath;
    }

    /** Generates the certificate and writes the trust store (to {@code trustStorePath}, or a temp file if null). */
    public static SelfSignedTls generate(String host, Path trustStorePath, String password) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + host + ",O=AVD rolling update local Azure emulator");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1"),
                    new GeneralName(GeneralName.dNSName, host)}));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            char[] pw = password.toCharArray();

            KeyStore server = KeyStore.getInstance("PKCS12");
            server.load(null, null);
            server.setKeyEntry(ALIAS, keys.getPrivate(), pw, new X509Certificate[] {cert});
            ByteArrayOutputStream serverBytes = new ByteArrayOutputStream();
            server.store(serverBytes, pw);

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, cert);
            Path trustPath = trustStorePath != null ? trustStorePath : Files.createTempFile("azure-emulator-trust", ".p12");
            if (trustPath.getParent() != null) {
                Files.createDirectories(trustPath.getParent());
            }
            try (OutputStream out = Files.newOutputStream(trustPath)) {
                trust.store(out, pw);
            }
            Path pem = trustPath.resolveSibling(trustPath.getFileName().toString().replaceAll("\\.p12$", "") + ".pem");
            Files.writeString(pem, toPem(cert));
            return new SelfSignedTls(cert, serverBytes.toByteArray(), pw, trustPath, pem);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the emulator's TLS certificate: " + e.getMessage(), e);
        }
    }

    public static String toPem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    /** PKCS12 key store with the server key, for the HTTPS listener. */
    public byte[] serverKeyStore() {
        return serverKeyStore.clone();
    }

    public String password() {
        return new String(password);
    }

    public Path trustStorePath() {
        return trustStorePath;
    }

    public Path pemPath() {
        return pemPath;
    }

    public String certificatePem() {
        return toPem(certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** An SSLContext that trusts exactly this certificate. */
    public SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build SSLContext", e);
        }
    }

    public void deleteFiles() {
        try {
            Files.deleteIfExists(trustStorePath);
            Files.deleteIfExists(pemPath);
        } catch (IOException ignored) {
            // best effort on shutdown
        }
    }
}
