package io.exchangebridge.credential.token;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What Entra ID's token endpoint answered. Never printed: {@link Success} holds tokens. */
public sealed interface EntraResult {

    /** A token response. */
    record Success(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken,
            String idToken) implements EntraResult {

        @Override
        public String toString() {
            return "Success[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** An error response: {@code error} and {@code error_codes}, as clients must branch on them. */
    record Failure(int httpStatus, String error, List<Long> codes, Optional<Duration> retryAfter)
            implements
                EntraResult {

        /** The first AADSTS code, e.g. {@code AADSTS700082}; empty when Entra sent none. */
        public Optional<String> aadsts() {
            return codes.isEmpty() ? Optional.empty() : Optional.of("AADSTS" + codes.get(0));
        }
    }

    /** No answer: connection refused, timeout, TLS failure, or a body that is not Entra's. */
    record Unreachable(String reason) implements EntraResult {
    }
}
