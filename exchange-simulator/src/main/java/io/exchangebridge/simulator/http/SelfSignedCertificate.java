package io.exchangebridge.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The simulator's TLS identity, used by HTTPS and SMTP STARTTLS: a self-signed certificate for {@code localhost},
 * {@code 127.0.0.1} and any extra host names, generated at start (EC P-256: key generation takes milliseconds, RSA
 * would slow every start), or a key pair loaded from a PKCS12 key store so that clients elsewhere (other pods) can be
 * given the matching trust store before the simulator starts.
 */
public final class SelfSignedCertificate {

    private static final char[] KEY_PASSWORD = "simulator".toCharArray();

    private final PrivateKey privateKey;
    private final X509Certificate[] chain;
    private final String trustStorePassword = UUID.randomUUID().toString();

    private SelfSignedCertificate(PrivateKey privateKey, X509Certificate[] chain) {
        this.privateKey = privateKey;
        this.chain = chain;
    }

    public static SelfSignedCertificate generate() {
        return generate(List.of());
    }

    /** A new certificate for {@code localhost}, {@code 127.0.0.1} and {@code hostnames} (DNS names or IP literals). */
    public static SelfSignedCertificate generate(List<String> hostnames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=Exchange Bridge simulator");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keyPair.getPublic());
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
            hostnames.stream().map(String::strip).filter(h -> !h.isEmpty()).forEach(names::add);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
                    .map(h -> new GeneralName(IPAddress.isValid(h) ? GeneralName.iPAddress : GeneralName.dNSName, h))
                    .toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new SelfSignedCertificate(keyPair.getPrivate(), new X509Certificate[]{certificate});
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot generate the simulator's TLS certificate", e);
        }
    }

    /**
     * The first key entry of a PKCS12 key store (key and store protected by the same password, as {@code keytool} and
     * {@code openssl pkcs12 -export} write them). Clients trust the last certificate of its chain: the certificate
     * itself when self-signed, else the CA that issued it.
     */
    public static SelfSignedCertificate load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    X509Certificate[] chain = Arrays.stream(keyStore.getCertificateChain(alias))
                            .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
                    return new SelfSignedCertificate((PrivateKey) keyStore.getKey(alias, password), chain);
                }
            }
            throw new IllegalArgumentException("No private key in " + file);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot load the simulator's TLS key store " + file, e);
        }
    }

    /** The certificate the servers present. */
    public X509Certificate certificate() {
        return chain[0];
    }

    /** The server side: presents this certificate (HTTPS, SMTP STARTTLS). */
    public SSLContext serverContext() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("simulator", privateKey, KEY_PASSWORD, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client side: trusts exactly this certificate. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 trust store holding only the chain's anchor, protected by {@link #trustStorePassword()}. */
    public KeyStore trustStore() {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("exchange-simulator", chain[chain.length - 1]);
            return trustStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #trustStore()} to {@code file} (e.g. for {@code quarkus.rest-client.*.trust-store}). */
    public Path writeTrustStore(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, trustStorePassword.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the trust store", e);
        }
        return file;
    }

    public String trustStorePassword() {
        return trustStorePassword;
    }
}
