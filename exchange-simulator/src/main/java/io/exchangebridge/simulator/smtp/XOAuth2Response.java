package io.exchangebridge.simulator.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The SASL XOAUTH2 client response: base64 of {@code user={mailbox}^Aauth=Bearer {token}^A^A}.
 *
 * @param user
 *            the mailbox to send as
 * @param token
 *            the bearer access token (never logged)
 */
record XOAuth2Response(String user, String token) {

    private static final String SOH = "\u0001";

    /** Empty when the response is not valid base64 or not in the XOAUTH2 format. */
    static Optional<XOAuth2Response> parse(String base64) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!decoded.endsWith(SOH + SOH)) {
            return Optional.empty();
        }
        String[] fields = decoded.substring(0, decoded.length() - 2).split(SOH, -1);
        String user = null;
        String token = null;
        for (String field : fields) {
            if (field.startsWith("user=")) {
                user = field.substring("user=".length());
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, "auth=Bearer ".length())) {
                token = field.substring("auth=Bearer ".length()).trim();
            }
        }
        if (user == null || user.isBlank() || token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new XOAuth2Response(user, token));
    }

    /** The client side of the exchange, for tests and tools. */
    static String encode(String user, String token) {
        String raw = "user=" + user + SOH + "auth=Bearer " + token + SOH + SOH;
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "XOAuth2Response[user=" + user + ", token=<redacted>]";
    }
}
