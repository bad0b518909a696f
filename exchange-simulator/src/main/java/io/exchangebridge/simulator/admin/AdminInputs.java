package io.exchangebridge.simulator.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON bodies the admin API accepts. Absent fields leave things as they are; unknown fields are refused. */
final class AdminInputs {

    private AdminInputs() {
    }

    /** {@code POST /_sim/tenants}, {@code PATCH /_sim/tenants/{tenant}}. */
    record TenantInput(String domain, String id, Boolean smtpAuthEnabled, Boolean conditionalAccessBlock) {
    }

    /**
     * {@code POST .../users}, {@code PATCH .../users/{upn}}; lists add or remove grants. {@code appRoles}: client id to
     * app roles assigned to the user on that app (added); {@code revokeAppRoles}: client ids whose assignments go;
     * {@code groups} / {@code removeGroups}: group object ids.
     */
    record UserInput(String upn, String displayName, String password, Boolean shared, Boolean smtpAuthEnabled,
            List<String> grantAccess, List<String> revokeAccess, List<String> grantSendAs,
            List<String> revokeSendAs, List<String> grantSendOnBehalf, List<String> revokeSendOnBehalf,
            Map<String, List<String>> appRoles, List<String> revokeAppRoles, List<String> groups,
            List<String> removeGroups) {
    }

    /** A client secret; {@code expiresAt} defaults to 180 days from now, like the Azure portal's default. */
    record SecretInput(String value, Instant expiresAt) {
    }

    /**
     * A federated credential; the issuer's key as a JWK object or a PEM {@code PUBLIC KEY}, or neither: then the key
     * comes from the issuer's published JWKS. {@code audience} defaults to {@code api://AzureADTokenExchange}.
     */
    record FederatedInput(String issuer, String subject, String audience, Map<String, Object> jwk,
            String publicKeyPem) {
    }

    /**
     * {@code POST .../apps}, {@code PATCH .../apps/{clientId}}; lists and maps add to what is registered.
     * {@code identifierUris} and {@code appRoles} (the roles the app defines, as in the manifest) expose it as an API;
     * {@code applicationRoles} grants roles of Microsoft's resources or of such an API.
     */
    record AppInput(String clientId, String displayName, List<SecretInput> secrets, List<String> certificates,
            List<String> redirectUris, Map<String, List<String>> applicationRoles,
            Map<String, List<String>> consentedScopes, List<FederatedInput> federatedCredentials,
            List<String> restrictToMailboxes, Boolean enabled, Boolean publicClient, Boolean consentWithheld,
            String groupMembershipClaims, List<String> identifierUris, List<String> appRoles) {
    }

    /** {@code POST /_sim/clock/advance}: an ISO-8601 duration, e.g. {@code P91D} or {@code PT1H}. */
    record ClockInput(String duration) {
    }

    /** {@code PATCH /_sim/entra/settings}: ISO-8601 durations, and requests per minute for loop detection. */
    record EntraSettingsInput(String accessTokenLifetime, String refreshTokenGracePeriod,
            String refreshTokenInactivity, String authorizationCodeLifetime, Integer loopDetectionThreshold) {
    }

    /** {@code POST /_sim/entra/faults/{fault}}: the parameters the fault needs. */
    record FaultInput(Integer count, Integer status, String delay, String refreshToken, String upn, String tenant,
            String clientId, Boolean enabled) {
    }
}
