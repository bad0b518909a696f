package io.exchangebridge.credential.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.config.CredentialConfig;

/**
 * AES-256-GCM encryption of secrets at rest. A ciphertext reads {@code v1.<key id>.<nonce>.<ciphertext+tag>}
 * (base64url), so that values under a retired key can still be read while they are re-encrypted under the active one.
 * The associated data binds a ciphertext to the place it is stored (e.g. {@code credential/<id>/client-secret}): a
 * value copied to another row or column does not decrypt.
 */
@ApplicationScoped
public class SecretCipher {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(CredentialConfig config) {
        config.encryption().keys().forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("Encryption key id '" + id + "' must match " + KEY_ID.pattern());
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Encryption key '" + id + "' is not valid base64", null);
            }
            if (raw.length != 32) {
                throw new IllegalStateException("Encryption key '" + id + "' must be 32 bytes (AES-256), not "
                        + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        this.activeKeyId = config.encryption().activeKey();
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("credential.encryption.active-key '" + activeKeyId
                    + "' is not among credential.encryption.keys");
        }
    }

    /** Encrypts under the active key, bound to {@code context}. */
    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return PREFIX + "." + activeKeyId + "." + b64.encodeToString(nonce) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed: " + e.getClass().getSimpleName(), null);
        }
    }

    /** Decrypts a value written by {@link #encrypt} under any configured key. */
    public String decrypt(String ciphertext, String context) {
        String[] parts = ciphertext.split("\\.");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new IllegalStateException("Unknown ciphertext format in " + context);
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Value of " + context + " is encrypted under key '" + parts[1]
                    + "', which is not configured");
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[2])));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(b64.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Value of " + context + " does not decrypt (" + e.getClass().getSimpleName()
                    + ")", null);
        }
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
