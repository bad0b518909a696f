package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.simulator.directory.FederatedCredential;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Client authentication without a secret: a certificate-signed client assertion (header {@code x5t#S256}) and a
 * federated token file (Azure workload identity), both against the simulator's verification.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class ClientAssertionTokenTest {

    @Test
    void certificateCredentialGetsTokens() throws Exception {
        KeyPair keys = rsa();
        X509Certificate certificate = selfSigned(keys);
        String clientId = UUID.randomUUID().toString();
        SimulatorTestResource.current().tenant(Api.TENANT).app(clientId).certificate(certificate)
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite");
        String privateKeyPem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        Map<String, Object> body = credential("cert-1", clientId);
        body.put("clientAuthentication", "certificate");
        body.put("certificatePem", pem("CERTIFICATE", certificate.getEncoded()));
        body.put("privateKeyPem", privateKeyPem);
        admin().body(body).post("/api/credentials").then().statusCode(201)
                .body("privateKeySet", equalTo(true))
                .body(not(containsString("PRIVATE KEY")));

        String token = token("app1", "cert-1", "graph").then().statusCode(200).extract().path("accessToken");
        assertThat(SimulatorTestResource.current().tokenVerifier().verify(token).roles()).contains("Mail.ReadWrite");

        // Another key than the registered certificate's: Entra refuses, a configuration error.
        KeyPair other = rsa();
        String otherClient = UUID.randomUUID().toString();
        SimulatorTestResource.current().tenant(Api.TENANT).app(otherClient).certificate(selfSigned(other))
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite");
        Map<String, Object> wrong = credential("cert-2", otherClient);
        wrong.put("clientAuthentication", "certificate");
        wrong.put("certificatePem", pem("CERTIFICATE", certificate.getEncoded()));
        wrong.put("privateKeyPem", privateKeyPem);
        create(wrong);
        token("app1", "cert-2", "graph").then().statusCode(409).body("credentialStatus", equalTo("CONFIG_ERROR"))
                .body("code", equalTo("AADSTS700027"));
    }

    @Test
    void invalidPemIsA400() {
        Map<String, Object> body = credential("cert-bad", UUID.randomUUID().toString());
        body.put("clientAuthentication", "certificate");
        body.put("certificatePem", "not a certificate");
        admin().body(body).post("/api/credentials").then().statusCode(400)
                .body("detail", containsString("'certificatePem'"));
    }

    @Test
    void federatedCredentialGetsTokens() throws Exception {
        KeyPair issuerKeys = rsa();
        String issuer = "https://oidc.example-cluster.local";
        String subject = "system:serviceaccount:bridge:credential-service";
        String clientId = UUID.randomUUID().toString();
        SimulatorTestResource.current().tenant(Api.TENANT).app(clientId)
                .federatedCredential(issuer, subject, issuerKeys.getPublic())
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite");

        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(FederatedCredential.DEFAULT_AUDIENCE);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(issuerKeys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        Path file = Files.createTempFile("sa-token", ".jwt");
        Files.writeString(file, jws.getCompactSerialization());
        try {
            Map<String, Object> body = credential("fed-1", clientId);
            body.put("clientAuthentication", "federated");
            body.put("federatedTokenFile", file.toString());
            create(body);
            String token = token("app1", "fed-1", "graph").then().statusCode(200).extract().path("accessToken");
            assertThat(SimulatorTestResource.current().tokenVerifier().verify(token).appId()).isEqualTo(clientId);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, Object> credential(String id, String clientId) {
        Map<String, Object> body = Api.appCredential(id, clientId, null);
        body.remove("clientSecret");
        body.put("scopes", Map.of("graph", List.of()));
        return body;
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=exchange-bridge-test");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                keys.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
