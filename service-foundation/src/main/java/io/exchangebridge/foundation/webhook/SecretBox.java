package io.exchangebridge.foundation.webhook;

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

/**
 * AES-256-GCM for secrets a service stores (webhook secrets): {@code v1.<key id>.<nonce>.<ciphertext+tag>} (base64url),
 * the same format as the credential-service's {@code SecretCipher}, so values under a retired key still open while the
 * active key encrypts. The associated data binds a value to where it is stored ({@code status-webhook/<user>}): copied
 * to another row it does not open. Error texts never contain the value.
 */
public final class SecretBox {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * {@code keys}: key id → base64 of 32 random bytes; {@code activeKeyId} the one new values are encrypted under;
     * {@code configName} the configuration prefix of both, named in the errors ({@code <prefix>.active-key},
     * {@code <prefix>.keys}).
     */
    public SecretBox(Map<String, String> keys, String activeKeyId, String configName) {
        keys.forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException(configName + ": key id '" + id + "' must match " + KEY_ID.pattern());
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(configName + ": key '" + id + "' is not valid base64", null);
            }
            if (raw.length != 32) {
                throw new IllegalStateException(configName + ": key '" + id + "' must be 32 bytes (AES-256), not "
                        + raw.length);
            }
            this.keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!this.keys.containsKey(activeKeyId)) {
            throw new IllegalStateException(configName + ".active-key '" + activeKeyId + "' is not among " + configName
                    + ".keys");
        }
        this.activeKeyId = activeKeyId;
    }

    /** Encrypts under the active key, bound to {@code context}. */
    public String seal(String plaintext, String context) {
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

    /** Decrypts a value {@link #seal} wrote under any configured key, for the same {@code context}. */
    public String open(String sealed, String context) {
        String[] parts = sealed.split("\\.");
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
}
