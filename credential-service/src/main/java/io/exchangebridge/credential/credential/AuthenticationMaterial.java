package io.exchangebridge.credential.credential;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The checks of how a credential authenticates to Entra ID: a client secret, a certificate with its private key, or a
 * federated (workload identity) token file.
 */
final class AuthenticationMaterial {

    /** The PEM marker a PKCS#8 private key starts with (the marker alone, no key material). */
    static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";

    private AuthenticationMaterial() {
    }

    /**
     * @param secretStored
     *            whether a client secret is stored already (PUT may then omit it)
     * @param privateKeyStored
     *            whether a private key is stored already
     */
    static void check(CredentialRequest r, boolean secretStored, boolean privateKeyStored, FieldErrors errors) {
        String method = r.clientAuthentication() == null ? "secret" : r.clientAuthentication();
        switch (method) {
            case "secret" -> {
                if (CredentialValidator.blank(r.clientSecret()) && !secretStored) {
                    errors.add("clientSecret", "is required for clientAuthentication 'secret'");
                }
                checkSecretLength(r.clientSecret(), errors);
            }
            case "certificate" -> {
                if (CredentialValidator.blank(r.certificatePem())) {
                    errors.add("certificatePem", "is required for clientAuthentication 'certificate'");
                } else if (!isCertificate(r.certificatePem())) {
                    errors.add("certificatePem", "is not a PEM X.509 certificate");
                }
                if (CredentialValidator.blank(r.privateKeyPem()) && !privateKeyStored) {
                    errors.add("privateKeyPem", "is required for clientAuthentication 'certificate'");
                }
                if (!CredentialValidator.blank(r.privateKeyPem()) && !isPrivateKey(r.privateKeyPem())) {
                    errors.add("privateKeyPem", "is not a PEM PKCS#8 RSA private key (" + PKCS8_BEGIN + ")");
                }
            }
            case "federated" -> {
                if (CredentialValidator.blank(r.federatedTokenFile()) || !r.federatedTokenFile().startsWith("/")) {
                    errors.add("federatedTokenFile",
                            "is required for clientAuthentication 'federated': an absolute path");
                }
            }
            default -> errors.add("clientAuthentication", "must be 'secret', 'certificate' or 'federated'");
        }
    }

    /** A client secret that can be stored. */
    static void checkSecretLength(String secret, FieldErrors errors) {
        if (secret != null && secret.length() > 1000) {
            errors.add("clientSecret", "is too long");
        }
    }

    private static boolean isCertificate(String pem) {
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isPrivateKey(String pem) {
        if (!pem.contains(PKCS8_BEGIN)) {
            return false;
        }
        try {
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
