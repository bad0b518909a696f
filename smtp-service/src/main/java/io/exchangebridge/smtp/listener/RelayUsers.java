package io.exchangebridge.smtp.listener;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.mail.Addresses;

/** Relay users of the listener: hashed passwords and the senders each may use (so the listener is no open relay). */
@ApplicationScoped
public class RelayUsers {

    private final RelayConfig config;

    public RelayUsers(RelayConfig config) {
        this.config = config;
    }

    /** Whether the password is the user's; compared in constant time. */
    public boolean check(String user, String password) {
        RelayConfig.RelayUser u = config.listener().users().get(user);
        if (u == null || password == null) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(u.passwordHash().trim().toLowerCase(Locale.ROOT));
        return MessageDigest.isEqual(expected, digest(user + ":Quarkus:" + password));
    }

    /** Whether the user may send from the address (listed itself, or its domain listed). */
    public boolean maySendFrom(String user, String address) {
        RelayConfig.RelayUser u = config.listener().users().get(user);
        return u != null && Addresses.covers(u.allowedSenders(), address);
    }

    static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
