package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

/**
 * A user signing in headlessly: posts the scripted form to an authorize URL the code under test produced and answers
 * where the browser would have been sent, as other modules' tests need to finish a consent flow.
 */
public final class ScriptedSignIn {

    private static final Pattern ALERT = Pattern.compile("role=\"alert\"[^>]*>([^<]*)<");

    private final HttpClient http;

    public ScriptedSignIn(SSLContext trust) {
        this.http = HttpClient.newBuilder().sslContext(trust).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param authorizeUrl
     *            the full {@code /oauth2/v2.0/authorize?...} URL (HTTP or HTTPS)
     * @param consent
     *            true to accept the consent page, false to decline it
     * @return the redirect URI with {@code code} and {@code state}, or with {@code error}
     * @throws IllegalStateException
     *             when the simulator answers a page instead of a redirect (wrong password, unknown app...), with the
     *             page's error text
     */
    public URI signIn(String authorizeUrl, String login, String password, boolean consent) {
        Map<String, String> form = Map.of("login", login, "password", password, "consent",
                consent ? "accept" : "decline");
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(authorizeUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Sign-in request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        return response.headers().firstValue("Location").map(URI::create).orElseThrow(() -> {
            Matcher alert = ALERT.matcher(response.body());
            return new IllegalStateException("No redirect (HTTP " + response.statusCode() + "): "
                    + (alert.find() ? alert.group(1) : "no error shown"));
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
