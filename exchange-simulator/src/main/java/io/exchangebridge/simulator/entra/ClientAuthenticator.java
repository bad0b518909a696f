package io.exchangebridge.simulator.entra;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.ClientSecret;
import io.exchangebridge.simulator.directory.FederatedCredential;
import io.exchangebridge.simulator.directory.Tenant;

/**
 * Authenticates the client of a token request: {@code client_secret} (form or HTTP Basic), a certificate
 * {@code client_assertion} found by {@code x5t#S256}/{@code x5t}, or a federated assertion of a registered issuer
 * (verified with the credential's registered key, or with the issuer's published JWKS).
 */
final class ClientAuthenticator {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /**
     * The authenticated client.
     *
     * @param authMethod
     *            {@code appidacr}: 0 public client, 1 secret, 2 certificate or federated assertion
     */
    record AuthenticatedClient(AppRegistration app, String authMethod) {
    }

    private final Clock clock;
    private final FederatedIssuerKeys issuerKeys = new FederatedIssuerKeys();

    ClientAuthenticator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param credentialRequired
     *            false for public clients redeeming a code or a refresh token
     */
    AuthenticatedClient authenticate(Tenant tenant, String tenantInPath, Map<String, String> form,
            Optional<String> authorization, boolean credentialRequired) {
        Optional<String[]> basic = authorization.filter(a -> a.regionMatches(true, 0, "Basic ", 0, 6))
                .map(a -> new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8)
                        .split(":", 2));
        String clientId = form.getOrDefault("client_id", basic.map(b -> b[0]).orElse(null));
        String assertion = form.get("client_assertion");
        if (clientId == null && assertion != null) {
            clientId = unverified(assertion).subject();
        }
        if (clientId == null || clientId.isBlank()) {
            throw EntraException.missingParameter("client_id");
        }
        String id = clientId;
        AppRegistration app = tenant.findApp(id).filter(AppRegistration::enabled)
                .orElseThrow(() -> EntraException.applicationNotFound(id, tenantInPath));
        if (assertion != null) {
            if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
                throw new EntraException(400, "invalid_request", 90014,
                        "The request body must contain the following parameter: 'client_assertion_type'.");
            }
            verifyAssertion(app, assertion);
            return new AuthenticatedClient(app, "2");
        }
        String secret = form.getOrDefault("client_secret",
                basic.filter(b -> b.length == 2).map(b -> b[1]).orElse(null));
        if (secret == null) {
            if (credentialRequired || !app.publicClient()) {
                throw EntraException.missingClientCredential();
            }
            return new AuthenticatedClient(app, "0");
        }
        // RFC 6749 2.3.1 form-encodes the secret inside HTTP Basic; clients that do not (Quarkus) are accepted too.
        String decoded = basic.isPresent() && !form.containsKey("client_secret") ? formDecoded(secret) : secret;
        List<ClientSecret> matching = app.secrets().stream()
                .filter(s -> s.value().equals(secret) || s.value().equals(decoded)).toList();
        if (matching.isEmpty()) {
            throw EntraException.invalidClientSecret(app.clientId());
        }
        Instant now = clock.instant();
        if (matching.stream().allMatch(s -> s.expiredAt(now))) {
            throw EntraException.clientSecretExpired(app.clientId());
        }
        return new AuthenticatedClient(app, "1");
    }

    private static String formDecoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private void verifyAssertion(AppRegistration app, String assertion) {
        Unverified token = unverified(assertion);
        if (app.clientId().equals(token.issuer())) {
            verifyCertificateAssertion(app, assertion, token);
        } else {
            verifyFederatedAssertion(app, assertion, token);
        }
    }

    private void verifyCertificateAssertion(AppRegistration app, String assertion, Unverified token) {
        String thumbprint = Optional.ofNullable(token.header().getHeader("x5t#S256"))
                .orElse(token.header().getHeader("x5t"));
        X509Certificate certificate = Optional.ofNullable(thumbprint).flatMap(app::certificateByThumbprint)
                .orElseThrow(() -> EntraException.invalidAssertion(700027,
                        "The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '"
                                + thumbprint
                                + "', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '"
                                + app.clientId() + "'.]"));
        JwtClaims claims = verify(assertion, certificate.getPublicKey());
        try {
            if (!app.clientId().equals(claims.getSubject())) {
                throw EntraException.invalidAssertion(700023,
                        "Client assertion audience claim does not match Realm issuer.");
            }
            boolean audienceOk = claims.getAudience().stream()
                    .anyMatch(a -> a.endsWith("/oauth2/v2.0/token") || a.endsWith("/oauth2/token"));
            if (!audienceOk) {
                throw EntraException.invalidAssertion(700212,
                        "Client assertion audience claim does not match the token endpoint.");
            }
        } catch (MalformedClaimException e) {
            throw EntraException.invalidAssertion(50027, "JWT token is invalid or malformed.");
        }
    }

    private void verifyFederatedAssertion(AppRegistration app, String assertion, Unverified token) {
        List<FederatedCredential> byIssuer = app.federatedCredentials().stream()
                .filter(f -> f.issuer().equals(token.issuer())).toList();
        if (byIssuer.isEmpty()) {
            throw EntraException.invalidAssertion(700211,
                    "No matching federated identity record found for presented assertion issuer '" + token.issuer()
                            + "'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.");
        }
        FederatedCredential credential = byIssuer.stream().filter(f -> f.subject().equals(token.subject()))
                .findFirst()
                .orElseThrow(() -> EntraException.invalidAssertion(700213,
                        "No matching federated identity record found for presented assertion subject '"
                                + token.subject()
                                + "'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion."));
        Key key = credential.signingKey() != null
                ? credential.signingKey()
                : issuerKeys.key(credential.issuer(), token.header().getKeyIdHeaderValue());
        JwtClaims claims = verify(assertion, key);
        try {
            if (!claims.getAudience().contains(credential.audience())) {
                throw EntraException.invalidAssertion(700212,
                        "No matching federated identity record found for presented assertion audience '"
                                + String.join(",", claims.getAudience()) + "'.");
            }
        } catch (MalformedClaimException e) {
            throw EntraException.invalidAssertion(50027, "JWT token is invalid or malformed.");
        }
    }

    private JwtClaims verify(String assertion, Key key) {
        try {
            return new JwtConsumerBuilder().setVerificationKey(key)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .setRequireExpirationTime().setAllowedClockSkewInSeconds(300).setSkipDefaultAudienceValidation()
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis())).build().processToClaims(assertion);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw EntraException.invalidAssertion(700024, "Client assertion is not within its valid time range.");
            }
            throw EntraException.invalidAssertion(700027, "Client assertion contains an invalid signature.");
        }
    }

    private record Unverified(JsonWebStructure header, String issuer, String subject) {
    }

    private static Unverified unverified(String assertion) {
        try {
            JwtContext context = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().process(assertion);
            JwtClaims claims = context.getJwtClaims();
            return new Unverified(context.getJoseObjects().get(0), claims.getIssuer(), claims.getSubject());
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            throw EntraException.invalidAssertion(50027, "JWT token is invalid or malformed.");
        }
    }
}
