package io.exchangebridge.credential.credential;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A credential as the API shows it: never a secret, only whether one is set. {@code scope} is the one Scope string its
 * {@code scopes} amount to (absent when they name more than one resource, which only the structured map can say).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialView(String id, String description, String grantType, String tenantId, String clientId,
        String authorityHost, String authorizationUrl, String tokenUrl, String clientAuthentication,
        boolean clientSecretSet, boolean privateKeySet, String certificatePem, String federatedTokenFile,
        Map<String, List<String>> scopes, String scope, String redirectUri, Instant secretExpiresAt,
        boolean secretExpiresSoon,
        Status status, Consent consent, Instant lastRefreshAt, Instant createdAt, Instant updatedAt) {

    /** The credential's status, with what to do about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, String code, String explanation, Instant since) {
    }

    /** Who consented, and when (delegated credentials only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consent(String upn, Instant at, String consentPath) {
    }
}
