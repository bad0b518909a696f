package io.exchangebridge.simulator.graph.calendar;

import java.util.Map;
import java.util.Optional;

/**
 * A Graph calendar call as the Graph API hands it over once token, mailbox and permission are checked.
 *
 * @param mailbox
 *            the UPN of the mailbox addressed
 * @param rawPath
 *            the path below {@code /v1.0}, still percent-encoded, for links
 * @param query
 *            decoded query parameters
 * @param headers
 *            request headers with case-insensitive names
 * @param body
 *            the request body, possibly empty
 * @param baseUrl
 *            the absolute URL of {@code /v1.0} on the host the client called
 */
public record CalendarRequest(String mailbox, String rawPath, Map<String, String> query, Map<String, String> headers,
        byte[] body, String baseUrl) {

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A {@code Prefer} preference's value, quotes removed. */
    Optional<String> preference(String name) {
        for (String part : header("Prefer").orElse("").split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase(name)) {
                return Optional.of(kv.length > 1 ? kv[1].trim().replace("\"", "") : "");
            }
        }
        return Optional.empty();
    }

    /** Graph's {@code users('...')} context URL below {@code $metadata}. */
    String context(String suffix) {
        return baseUrl + "/$metadata#users('" + mailbox + "')/" + suffix;
    }
}
