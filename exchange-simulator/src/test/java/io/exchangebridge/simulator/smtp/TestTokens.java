package io.exchangebridge.simulator.smtp;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.entra.InvalidTokenException;
import io.exchangebridge.simulator.entra.TokenVerifier;

/** Real RS256 access tokens with Entra's claim set, signed by a test key, and their verifier. */
final class TestTokens implements TokenVerifier {

    static final String OUTLOOK = "https://outlook.office.com";
    static final String OUTLOOK_365 = "https://outlook.office365.com";
    static final String GRAPH = "https://graph.microsoft.com";
    static final String APP_ID = "11111111-2222-3333-4444-555555555555";

    private final RsaJsonWebKey key;
    private final JwtConsumer consumer;

    TestTokens() throws Exception {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key");
        consumer = new JwtConsumerBuilder().setRequireExpirationTime().setSkipDefaultAudienceValidation()
                .setVerificationKey(key.getPublicKey()).build();
    }

    /** A delegated token: user {@code upn}, scopes {@code scp}. */
    String delegated(String tenantId, String upn, String audience, String scp, Instant expires) throws Exception {
        JwtClaims claims = base(tenantId, audience, expires);
        claims.setClaim("upn", upn);
        claims.setClaim("scp", scp);
        return sign(claims);
    }

    /** An application (client credentials) token with {@code roles}. */
    String application(String tenantId, String audience, List<String> roles, Instant expires) throws Exception {
        JwtClaims claims = base(tenantId, audience, expires);
        claims.setStringListClaim("roles", roles);
        return sign(claims);
    }

    private static JwtClaims base(String tenantId, String audience, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setAudience(audience);
        claims.setIssuer("https://sts.windows.net/" + tenantId + "/");
        claims.setClaim("tid", tenantId);
        claims.setClaim("appid", APP_ID);
        claims.setClaim("oid", UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        return claims;
    }

    private String sign(JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Override
    public AccessToken verify(String compactJwt) throws InvalidTokenException {
        try {
            JwtClaims claims = consumer.processToClaims(compactJwt);
            Set<String> scopes = new HashSet<>();
            if (claims.hasClaim("scp")) {
                scopes.addAll(List.of(claims.getStringClaimValue("scp").split(" ")));
            }
            Set<String> roles = claims.hasClaim("roles")
                    ? Set.copyOf(claims.getStringListClaimValue("roles"))
                    : Set.of();
            return new AccessToken(compactJwt, claims.getStringClaimValue("tid"), claims.getStringClaimValue("appid"),
                    claims.getAudience().get(0), Optional.ofNullable(claims.getStringClaimValue("upn")),
                    claims.getStringClaimValue("oid"), scopes, roles,
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new InvalidTokenException(InvalidTokenException.Reason.EXPIRED,
                        "Lifetime validation failed, the token is expired.");
            }
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "Invalid token.");
        } catch (Exception e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "Invalid token.");
        }
    }
}
