package io.exchangebridge.simulator.admin;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Certificates and public keys as JSON carries them: PEM, bare base64 DER, or a JWK. */
final class KeyParsing {

    private KeyParsing() {
    }

    static X509Certificate certificate(String pemOrBase64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(stripPem(pemOrBase64));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an X.509 certificate (PEM or base64 DER): " + e.getMessage());
        }
    }

    static PublicKey publicKey(Map<String, Object> jwk, String pem) {
        try {
            if (jwk != null) {
                return ((PublicJsonWebKey) JsonWebKey.Factory.newJwk(jwk)).getPublicKey();
            }
            if (pem == null) {
                throw new IllegalArgumentException("A federated credential needs 'jwk' or 'publicKeyPem'");
            }
            X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(stripPem(pem)));
            try {
                return KeyFactory.getInstance("RSA").generatePublic(spec);
            } catch (GeneralSecurityException notRsa) {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            }
        } catch (JoseException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("Not a public key: " + e.getMessage());
        }
    }

    private static String stripPem(String text) {
        return text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
