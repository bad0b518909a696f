package io.exchangebridge.credential.ui;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.crypto.SecretCipher;

/**
 * A notice carried in a redirect to a credential's page (such as the route the Exact form created), sealed with the
 * service's AES-GCM key for that credential: a crafted link cannot put text on an administrator's page.
 */
@ApplicationScoped
public class SavedNotice {

    private final SecretCipher cipher;

    public SavedNotice(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(String credentialId, String text) {
        return cipher.encrypt(text, context(credentialId));
    }

    /** The text, or empty when {@code sealed} is absent or was not sealed here for this credential. */
    public Optional<String> open(String credentialId, String sealed) {
        if (sealed == null || sealed.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.decrypt(sealed, context(credentialId)));
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String context(String credentialId) {
        return "ui-notice/" + credentialId;
    }
}
