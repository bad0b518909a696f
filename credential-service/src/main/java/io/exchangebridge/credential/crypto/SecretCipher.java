package io.exchangebridge.credential.crypto;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.foundation.webhook.SecretBox;

/**
 * AES-256-GCM encryption of secrets at rest, with the keys of {@code credential.encryption.*}: service-foundation's
 * {@link SecretBox} (the same box smtp-service keeps its webhook secrets in). A ciphertext reads
 * {@code v1.<key id>.<nonce>.<ciphertext+tag>} (base64url), so that values under a retired key can still be read while
 * they are re-encrypted under the active one. The associated data binds a ciphertext to the place it is stored (e.g.
 * {@code credential/<id>/client-secret}): a value copied to another row or column does not decrypt.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String PREFIX = "v1";

    private final SecretBox box;
    private final String activeKeyId;

    public SecretCipher(CredentialConfig config) {
        this.activeKeyId = config.encryption().activeKey();
        this.box = new SecretBox(config.encryption().keys(), activeKeyId, "credential.encryption");
    }

    /** Encrypts under the active key, bound to {@code context}. */
    public String encrypt(String plaintext, String context) {
        return box.seal(plaintext, context);
    }

    /** Decrypts a value written by {@link #encrypt} under any configured key. */
    public String decrypt(String ciphertext, String context) {
        return box.open(ciphertext, context);
    }

    /** True when the value is encrypted under the active key. */
    public boolean isCurrent(String ciphertext) {
        return ciphertext.startsWith(PREFIX + "." + activeKeyId + ".");
    }

    /** The value under the active key (the same string when it already is). */
    public String reencrypt(String ciphertext, String context) {
        return isCurrent(ciphertext) ? ciphertext : encrypt(decrypt(ciphertext, context), context);
    }

    public String activeKeyId() {
        return activeKeyId;
    }
}
