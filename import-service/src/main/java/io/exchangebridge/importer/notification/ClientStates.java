package io.exchangebridge.importer.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret {@code clientState} of a subscription: 32 random bytes (base64url, 43 characters; Graph allows 128), kept
 * only as its SHA-256 and compared in constant time, so the database does not hold what would let anyone forge
 * notifications.
 */
final class ClientStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientStates() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String clientState) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(clientState.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code presented} is the clientState whose hash is {@code stored}; false for either missing. */
    static boolean matches(String presented, byte[] stored) {
        return presented != null && stored != null && MessageDigest.isEqual(hash(presented), stored);
    }
}
