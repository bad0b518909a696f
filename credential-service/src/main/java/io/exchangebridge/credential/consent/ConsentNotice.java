package io.exchangebridge.credential.consent;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.crypto.SecretCipher;

/**
 * The outcome of a consent started from the UI, carried from the public callback to the credential's page in the
 * redirect URL. Sealed with the service's AES-GCM key and bound to the credential, so nobody can put a message of their
 * own on an administrator's page with a crafted link.
 */
@ApplicationScoped
public class ConsentNotice {

    /** What the credential's page shows. */
    public record Notice(boolean success, String message) {
    }

    private final SecretCipher cipher;

    public ConsentNotice(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(String credentialId, boolean success, String message) {
        return cipher.encrypt((success ? "ok\n" : "failed\n") + message, context(credentialId));
    }

    public Optional<Notice> open(String credentialId, String sealed) {
        if (sealed == null || sealed.isBlank()) {
            return Optional.empty();
        }
        try {
            String text = cipher.decrypt(sealed, context(credentialId));
            int nl = text.indexOf('\n');
            return Optional.of(new Notice(text.startsWith("ok\n"), text.substring(nl + 1)));
        } catch (IllegalStateException e) {
            return Optional.empty(); // forged, mangled or for another credential: show nothing
        }
    }

    private static String context(String credentialId) {
        return "ui-consent/" + credentialId;
    }
}
