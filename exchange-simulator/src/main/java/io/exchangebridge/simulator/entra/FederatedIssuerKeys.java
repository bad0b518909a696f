package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.time.Duration;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.simulator.http.Json;

/**
 * The signing keys of a federated credential's issuer, found the way Entra finds them: the issuer's OpenID
 * configuration ({@code {issuer}/.well-known/openid-configuration}), then its {@code jwks_uri}, then the key with the
 * assertion's {@code kid}. Fetched at every assertion (no cache), so a test may rotate the issuer's keys at will.
 */
final class FederatedIssuerKeys {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * The issuer's public key named {@code keyId}.
     *
     * @throws EntraException
     *             AADSTS90061 when the issuer's metadata cannot be fetched, AADSTS7000272 when it has no such key
     */
    Key key(String issuer, String keyId) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> configuration = json(get(base + "/.well-known/openid-configuration"));
        Object jwksUri = configuration.get("jwks_uri");
        if (!(jwksUri instanceof String uri)) {
            throw externalEndpointFailed();
        }
        try {
            JsonWebKeySet keys = new JsonWebKeySet(get(uri));
            for (JsonWebKey key : keys.getJsonWebKeys()) {
                if (key instanceof PublicJsonWebKey publicKey && (keyId == null || keyId.equals(key.getKeyId()))) {
                    return publicKey.getPublicKey();
                }
            }
        } catch (JoseException e) {
            throw externalEndpointFailed();
        }
        throw EntraException.invalidAssertion(7000272, "The certificate with identifier " + keyId
                + " used to sign the federated credential could not be found in the metadata of identity provider "
                + issuer + ". Please validate that your Identity Provider's metadata exposes the key used to sign the"
                + " incoming token.");
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw externalEndpointFailed();
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw externalEndpointFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw externalEndpointFailed();
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return Json.MAPPER.readValue(body, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw externalEndpointFailed();
        }
    }

    private static EntraException externalEndpointFailed() {
        return new EntraException(400, "invalid_request", 90061, "Request to External OIDC endpoint failed.");
    }
}
