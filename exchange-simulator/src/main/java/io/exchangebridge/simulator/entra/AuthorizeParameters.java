package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

import io.exchangebridge.simulator.http.HttpExchanges;

/**
 * The parameters of one authorize request: the query's, and for a POST its form's on top; and the first parameter sent
 * twice, if any.
 *
 * <p> Entra refuses a parameter sent twice on its own error page, never a redirect. Confirmed for {@code prompt}
 * ("AADSTS9000411: The request is not properly formatted. The parameter 'prompt' is duplicated.", an authorization URL
 * carrying {@code ?prompt=select_account} plus a client's own {@code prompt}: anthropics/claude-code#49175,
 * modelcontextprotocol/typescript-sdk#1958) and {@code login_hint} (AzureAD/microsoft-authentication-library-for-
 * android#688); older reports show AADSTS90004 with the same words (AzureAD/microsoft-authentication-library-for-
 * js#284). Not confirmed: that every other parameter ({@code client_id}, {@code redirect_uri}, {@code state},
 * {@code scope}, PKCE) gets the same answer; the simulator refuses them all alike, as RFC 6749 section 3.1 requires
 * ("Request and response parameters MUST NOT be included more than once"). A scripted POST may repeat a query parameter
 * in its form with the same value (a convenience of this simulator); with another value it counts as sent twice.
 */
record AuthorizeParameters(Map<String, String> values, Optional<String> duplicated) {

    /** Reads the query and, for a POST, the form body. */
    static AuthorizeParameters read(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> values = new LinkedHashMap<>(HttpExchanges.parseForm(rawQuery));
        Optional<String> duplicated = firstRepeat(HttpExchanges.names(rawQuery));
        if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            String encoded = new String(HttpExchanges.readBody(exchange), StandardCharsets.UTF_8);
            Map<String, String> form = HttpExchanges.parseForm(encoded);
            duplicated = duplicated.or(() -> firstRepeat(HttpExchanges.names(encoded))).or(() -> form.entrySet()
                    .stream()
                    .filter(e -> values.containsKey(e.getKey()) && !values.get(e.getKey()).equals(e.getValue()))
                    .map(Map.Entry::getKey).findFirst());
            values.putAll(form);
        }
        return new AuthorizeParameters(values, duplicated);
    }

    /** Entra's error for the parameter sent twice; empty when none was. */
    Optional<String> duplicateError() {
        return duplicated.map(name -> "AADSTS9000411: The request is not properly formatted. The parameter '" + name
                + "' is duplicated.");
    }

    private static Optional<String> firstRepeat(List<String> names) {
        Set<String> seen = new HashSet<>();
        return names.stream().filter(name -> !seen.add(name)).findFirst();
    }
}
