package io.exchangebridge.simulator.entra;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authorization codes issued by the authorize endpoint, redeemable once. */
final class AuthorizationCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What the user signed in for.
     *
     * @param codeChallenge
     *            empty when the client sent no PKCE challenge
     */
    record Code(String value, String tenantId, String clientId, String userId, String redirectUri, String scope,
            Optional<String> codeChallenge, String codeChallengeMethod, Optional<String> nonce, Instant expiresAt) {
    }

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    Code issue(String tenantId, String clientId, String userId, String redirectUri, String scope,
            Optional<String> codeChallenge, String codeChallengeMethod, Optional<String> nonce, Instant expiresAt) {
        String value = "1.A" + opaque(96);
        Code code = new Code(value, tenantId, clientId, userId, redirectUri, scope, codeChallenge,
                codeChallengeMethod, nonce, expiresAt);
        codes.put(value, code);
        return code;
    }

    /** Takes the code for redemption; a second redemption is AADSTS54005, an unknown code AADSTS70000. */
    Code redeem(String value, Instant now) {
        if (redeemed.containsKey(value)) {
            throw EntraException.codeRedeemed();
        }
        Code code = codes.remove(value);
        if (code == null) {
            throw EntraException.invalidGrant();
        }
        redeemed.put(value, now);
        if (!now.isBefore(code.expiresAt())) {
            throw EntraException.codeOrTokenExpired();
        }
        return code;
    }

    static String opaque(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
