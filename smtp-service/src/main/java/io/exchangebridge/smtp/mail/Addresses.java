package io.exchangebridge.smtp.mail;

import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Email address checks shared by the REST intake, routes and the listener. */
public final class Addresses {

    private Addresses() {
    }

    /** A single bare address (no display name) that Exchange will take as an envelope address. */
    public static boolean isValid(String address) {
        if (address == null || address.isBlank() || address.length() > 320) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            return parsed.getAddress().equals(address.trim()) && parsed.getAddress().indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }

    /** Parses a header-style address ("Name &lt;a@b&gt;" or "a@b"), or null when it is not one valid address. */
    public static InternetAddress parseOne(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(value, true);
            if (parsed.length != 1 || parsed[0].getAddress() == null || parsed[0].getAddress().indexOf('@') <= 0) {
                return null;
            }
            parsed[0].validate();
            return parsed[0];
        } catch (AddressException e) {
            return null;
        }
    }

    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the address, or its domain, is in the list of allowed senders (case-insensitive). */
    public static boolean covers(List<String> allowedSenders, String address) {
        if (address == null || address.indexOf('@') <= 0) {
            return false;
        }
        String lower = address.toLowerCase(Locale.ROOT);
        String domain = domainOf(lower);
        return allowedSenders.stream().map(a -> a.trim().toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals(lower) || a.equals(domain));
    }
}
