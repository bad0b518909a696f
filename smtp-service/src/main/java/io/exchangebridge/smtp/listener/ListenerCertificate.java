package io.exchangebridge.smtp.listener;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.exchangebridge.smtp.config.RelayConfig;
import io.quarkus.logging.Log;

/** The STARTTLS certificate: from the configured PKCS12 key store, or a self-signed one generated at start. */
final class ListenerCertificate {

    private ListenerCertificate() {
    }

    static SSLContext serverContext(RelayConfig.Listener config) {
        try {
            char[] password = config.keyStorePassword().orElse("").toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            if (config.keyStore().isPresent()) {
                try (InputStream in = Files.newInputStream(config.keyStore().get())) {
                    keyStore.load(in, password);
                }
            } else {
                Log.warn("No relay.listener.key-store: STARTTLS uses a self-signed certificate generated now"
                        + " (fine for development, configure a real one in production)");
                password = "generated".toCharArray();
                keyStore.load(null, null);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                X500Name name = new X500Name("CN=" + config.hostName() + ", O=Exchange Bridge relay");
                Instant now = Instant.now();
                var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                        pair.getPublic());
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.dNSName, config.hostName()),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
                keyStore.setKeyEntry("listener", pair.getPrivate(), password, new X509Certificate[]{certificate});
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot set up the listener's STARTTLS certificate", e);
        }
    }
}
