package io.exchangebridge.credential.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.exchangebridge.simulator.ExchangeSimulator;

/** A user signing in at the simulator's authorize endpoint, with its scripted form POST for headless tests. */
public final class SignIn {

    private SignIn() {
    }

    /**
     * Posts the authorize parameters of {@code authorizeUrl} with the user's login, password and consent decision.
     *
     * @return the redirect the browser would follow (to {@code /OAuth2Callback?...})
     */
    public static URI signIn(ExchangeSimulator sim, URI authorizeUrl, String login, String password, boolean accept)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(query(authorizeUrl));
        form.put("login", login);
        form.put("password", password);
        form.put("consent", accept ? "accept" : "decline");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI target = URI.create(authorizeUrl.toString().split("\\?")[0]);
        HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 302) {
            throw new IllegalStateException("Sign-in answered " + response.statusCode() + ": " + response.body());
        }
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    /** The decoded query parameters of a URL. */
    public static Map<String, String> query(URI uri) {
        Map<String, String> result = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }
}
