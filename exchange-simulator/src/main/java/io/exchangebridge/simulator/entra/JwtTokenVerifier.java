package io.exchangebridge.simulator.entra;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.entra.InvalidTokenException.Reason;

/**
 * Verifies tokens this simulator issued: RS256 signature, expiry (simulator clock), app still registered and enabled.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    private final SigningKey key;
    private final Clock clock;
    private final SimulatedDirectory directory;

    public JwtTokenVerifier(SigningKey key, Clock clock, SimulatedDirectory directory) {
        this.key = key;
        this.clock = clock;
        this.directory = directory;
    }

    @Override
    public AccessToken verify(String compactJwt) throws InvalidTokenException {
        if (compactJwt == null || compactJwt.chars().filter(c -> c == '.').count() != 2) {
            throw new InvalidTokenException(Reason.MALFORMED,
                    "IDX14100: JWT is not well formed, there are no dots (.).");
        }
        JwtClaims claims = parse(compactJwt);
        try {
            String tenantId = claims.getStringClaimValue("tid");
            String appId = claims.getStringClaimValue("appid");
            Optional<AppRegistration> app = directory.findTenant(tenantId).flatMap(t -> t.findApp(appId));
            if (app.isEmpty() || !app.get().enabled()) {
                throw new InvalidTokenException(Reason.APP_DISABLED,
                        "The application '" + appId + "' is disabled or was deleted from tenant '" + tenantId + "'.");
            }
            String scp = claims.getStringClaimValue("scp");
            Set<String> scopes = scp == null || scp.isBlank() ? Set.of() : Set.of(scp.split(" "));
            List<String> roles = claims.hasClaim("roles") ? claims.getStringListClaimValue("roles") : List.of();
            return new AccessToken(compactJwt, tenantId, appId, claims.getAudience().get(0),
                    Optional.ofNullable(claims.getStringClaimValue("upn")), claims.getStringClaimValue("oid"), scopes,
                    Set.copyOf(new HashSet<>(roles)),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (MalformedClaimException | RuntimeException e) {
            throw new InvalidTokenException(Reason.MALFORMED, "IDX14100: JWT is not well formed: " + e.getMessage());
        }
    }

    private JwtClaims parse(String compactJwt) throws InvalidTokenException {
        JwtConsumer consumer = new JwtConsumerBuilder().setVerificationKey(key.jwk().getPublicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setRequireExpirationTime().setSkipDefaultAudienceValidation()
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis())).build();
        try {
            return consumer.processToClaims(compactJwt);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new InvalidTokenException(Reason.EXPIRED, "Lifetime validation failed, the token is expired.");
            }
            if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                throw new InvalidTokenException(Reason.BAD_SIGNATURE,
                        "IDX10511: Signature validation failed. Keys tried: '" + key.keyId() + "'.");
            }
            throw new InvalidTokenException(Reason.MALFORMED, "IDX14100: JWT is not well formed.");
        }
    }
}
