package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.http.HttpExchanges;
import io.exchangebridge.simulator.http.Json;

/** Raw HTTP calls to the simulated Entra ID, for tests that assert on exact status codes and error bodies. */
public final class EntraTestClient {

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
    public static final String SECRET = "s3cret~value";
    public static final String REDIRECT_URI = "http://localhost:8081/OAuth2Callback";
    public static final String ALICE = "alice@contoso.onmicrosoft.com";
    public static final String PASSWORD = "Passw0rd!";
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-long-enough-verifier";

    /** A status and the parsed JSON body. */
    public record Answer(int status, Map<String, Object> body) {

        public String string(String name) {
            return (String) body.get(name);
        }

        @SuppressWarnings("unchecked")
        public int errorCode() {
            return ((java.util.List<Integer>) body.get("error_codes")).get(0);
        }
    }

    private final ExchangeSimulator sim;
    private final HttpClient http;

    public EntraTestClient(ExchangeSimulator sim) {
        this.sim = sim;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sim.clientSslContext()).build();
    }

    public Answer token(Map<String, String> form) {
        return token(TENANT, form);
    }

    public Answer token(String tenant, Map<String, String> form) {
        HttpResponse<String> response = post(sim.httpBaseUrl() + "/" + tenant + "/oauth2/v2.0/token", form);
        try {
            return new Answer(response.statusCode(),
                    Json.MAPPER.readValue(response.body(), new TypeReference<Map<String, Object>>() {
                    }));
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    public Answer clientCredentials(String secret, String scope) {
        return token(form("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", secret, "scope",
                scope));
    }

    /** The scripted sign-in: POSTs the authorize form and answers the redirect's query parameters. */
    public Map<String, String> signIn(String scope, String login, String password, String consent) {
        Map<String, String> form = authorizeParams(scope);
        form.put("login", login);
        form.put("password", password);
        form.put("consent", consent);
        HttpResponse<String> response = post(sim.httpBaseUrl() + "/" + TENANT + "/oauth2/v2.0/authorize", form);
        if (response.statusCode() != 302) {
            throw new IllegalStateException("No redirect but " + response.statusCode() + ": " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return HttpExchanges.parseForm(URI.create(location).getRawQuery());
    }

    /** Signs Alice in with PKCE and redeems the code: the token answer. */
    public Answer signInAndRedeem(String scope) {
        String code = signIn(scope, ALICE, PASSWORD, "accept").get("code");
        return redeem(code, scope, VERIFIER);
    }

    public Answer redeem(String code, String scope, String verifier) {
        return token(form("grant_type", "authorization_code", "client_id", CLIENT_ID, "client_secret", SECRET, "code",
                code, "redirect_uri", REDIRECT_URI, "scope", scope, "code_verifier", verifier));
    }

    public Answer refresh(String refreshToken, String scope) {
        return token(form("grant_type", "refresh_token", "client_id", CLIENT_ID, "client_secret", SECRET,
                "refresh_token", refreshToken, "scope", scope));
    }

    public Map<String, String> authorizeParams(String scope) {
        return form("client_id", CLIENT_ID, "response_type", "code", "redirect_uri", REDIRECT_URI, "scope", scope,
                "state", "state-123", "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256");
    }

    public HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A form POST with an {@code Authorization} header (client_secret_basic). */
    public HttpResponse<String> postWithAuthorization(String url, String authorization, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern INPUT = Pattern
            .compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    /** The hidden fields of a sign-in page's form, unescaped: what a browser posts back. */
    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Parameters as a URL query. */
    public static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
