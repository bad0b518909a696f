package io.exchangebridge.credential.token;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.crypto.SecretCipher;

/**
 * Adds the client authentication of a credential to a token request: {@code client_secret}, a certificate-signed
 * {@code client_assertion} (RS256, header {@code x5t#S256}, as Entra ID requires for certificate credentials), or a
 * federated {@code client_assertion} read from a projected service-account token file (Azure workload identity).
 */
@ApplicationScoped
public class ClientAuthenticator {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final SecretCipher cipher;
    private final ObjectMapper json;

    public ClientAuthenticator(SecretCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /**
     * @throws ClientAuthenticationException
     *             when the stored material cannot be used (a configuration error)
     */
    public void authenticate(CredentialEntity c, Map<String, String> form) {
        form.put("client_id", c.clientId);
        switch (c.authMethod) {
            case "secret" -> form.put("client_secret",
                    cipher.decrypt(c.clientSecretEnc, c.context(CredentialService.CLIENT_SECRET)));
            case "certificate" -> {
                form.put("client_assertion_type", JWT_BEARER);
                form.put("client_assertion", certificateAssertion(c));
            }
            case "federated" -> {
                form.put("client_assertion_type", JWT_BEARER);
                try {
                    form.put("client_assertion", Files.readString(Path.of(c.federatedTokenFile)).trim());
                } catch (IOException e) {
                    throw new ClientAuthenticationException(
                            "The federated token file cannot be read (" + e.getClass().getSimpleName() + ").");
                }
            }
            default -> throw new ClientAuthenticationException("Unknown client authentication.");
        }
    }

    private String certificateAssertion(CredentialEntity c) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(c.certificatePem.getBytes(StandardCharsets.US_ASCII)));
            String keyPem = cipher.decrypt(c.privateKeyEnc, c.context(CredentialService.PRIVATE_KEY));
            byte[] der = Base64.getDecoder()
                    .decode(keyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

            ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT")
                    .put("x5t#S256",
                            b64.encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
            long now = Instant.now().getEpochSecond();
            ObjectNode claims = json.createObjectNode().put("aud", c.tokenUrl).put("iss", c.clientId)
                    .put("sub", c.clientId).put("jti", UUID.randomUUID().toString()).put("nbf", now).put("iat", now)
                    .put("exp", now + 600);
            String signingInput = b64.encodeToString(json.writeValueAsBytes(header)) + "."
                    + b64.encodeToString(json.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new ClientAuthenticationException(
                    "The certificate or private key cannot be used (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** The stored client authentication is unusable. The message is safe to show. */
    public static class ClientAuthenticationException extends RuntimeException {
        public ClientAuthenticationException(String message) {
            super(message, null, false, false);
        }
    }
}
