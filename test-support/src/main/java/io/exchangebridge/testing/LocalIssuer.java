package io.exchangebridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OpenID issuer for tests, shaped like the Kubernetes API server's service-account issuer: an RSA key, an HTTP
 * server on 127.0.0.1 with {@code <issuer>/.well-known/openid-configuration} and {@code <issuer>/openid/v1/jwks}, and
 * tokens that are valid or wrong in exactly one way. With a path (such as {@code /<tenant-id>/v2.0}) and the claims
 * {@code azp} and {@code roles} it stands in for an Entra tenant's issuer as well. It remembers the
 * {@code Authorization} header of every request it served, to prove what the verifier sent.
 */
public final class LocalIssuer implements AutoCloseable {

    private static final String KEY_ID = "local-1";

    private final HttpServer server;
    private final String issuer;
    private final RsaJsonWebKey key;
    private final RsaJsonWebKey foreign;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private LocalIssuer(String path) {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(KEY_ID);
            foreign = RsaJwkGenerator.generateJwk(2048);
            foreign.setKeyId(KEY_ID); // the same key id: only the signature can tell the keys apart
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/openid/v1/jwks\","
                + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext(path + "/.well-known/openid-configuration", exchange -> serve(exchange, discovery));
        server.createContext(path + "/openid/v1/jwks", exchange -> serve(exchange, jwks));
        server.start();
    }

    /** An issuer at {@code http://127.0.0.1:<port>}, like a cluster's. */
    public static LocalIssuer start() {
        return new LocalIssuer("");
    }

    /** An issuer at {@code http://127.0.0.1:<port><path>}, such as {@code /<tenant-id>/v2.0} for Entra. */
    public static LocalIssuer start(String path) {
        return new LocalIssuer(path);
    }

    /** The issuer ({@code iss}) and the base of its discovery document: a tenant's {@code auth-server-url}. */
    public String issuer() {
        return issuer;
    }

    /** {@code Authorization} headers of the requests served so far ({@code ""} when a request had none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** A valid token for {@code subject}, audience {@code audience}, expiring in {@code ttl}. */
    public String token(String subject, String audience, Duration ttl) {
        return token(subject, audience, ttl, Map.of());
    }

    /** A valid token with extra claims, such as Entra's {@code azp} and {@code roles}. */
    public String token(String subject, String audience, Duration ttl, Map<String, Object> claims) {
        return sign(claims(issuer, subject, audience, Instant.now().plus(ttl), claims), key);
    }

    /** Signed by this issuer, expired an hour ago (beyond any clock skew allowance). */
    public String expired(String subject, String audience) {
        return sign(claims(issuer, subject, audience, Instant.now().minus(Duration.ofHours(1)), Map.of()), key);
    }

    /** Signed by this issuer for another audience. */
    public String wrongAudience(String subject) {
        return token(subject, "somebody-else", Duration.ofMinutes(5));
    }

    /** Signed by this issuer's key but naming another issuer. */
    public String wrongIssuer(String subject, String audience) {
        return sign(claims("https://issuer.invalid", subject, audience, Instant.now().plusSeconds(300), Map.of()),
                key);
    }

    /** Not signed at all: {@code alg: none}. */
    public String unsigned(String subject, String audience) {
        JsonWebSignature jws = jws(claims(issuer, subject, audience, Instant.now().plusSeconds(300), Map.of()));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return serialize(jws);
    }

    /** Signed by another key that carries this issuer's key id. */
    public String foreignKey(String subject, String audience) {
        return sign(claims(issuer, subject, audience, Instant.now().plusSeconds(300), Map.of()), foreign);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static JwtClaims claims(String iss, String subject, String audience, Instant expiry,
            Map<String, Object> extra) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(iss);
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(Math.min(Instant.now().getEpochSecond(), expiry.getEpochSecond())));
        claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
        claims.setGeneratedJwtId();
        extra.forEach(claims::setClaim);
        return claims;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey with) {
        JsonWebSignature jws = jws(claims);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(with.getPrivateKey());
        jws.setKeyIdHeaderValue(with.getKeyId());
        return serialize(jws);
    }

    private static JsonWebSignature jws(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader("typ", "JWT");
        return jws;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange, String json) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
