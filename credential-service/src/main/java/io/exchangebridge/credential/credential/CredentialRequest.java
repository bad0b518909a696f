package io.exchangebridge.credential.credential;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.exchangebridge.foundation.text.MultiLineText;

/**
 * What an administrator registers (POST) or replaces (PUT). Secret fields are write-only: on PUT, an absent secret
 * keeps the stored one. Only the PEM blocks may hold line breaks; every other text is single-line
 * ({@link MultiLineText}).
 */
@Schema(name = "CredentialRequest")
public record CredentialRequest(
        @Schema(description = "Administrator-chosen, URL-safe id (letters, digits, '.', '_', '-'); on PUT optional, must match the path") String id,
        String description,
        @Schema(description = "client_credentials or authorization_code", required = true) String grantType,
        @Schema(description = "Directory (tenant) id or verified domain", required = true) String tenantId,
        @Schema(description = "Application (client) id", required = true) String clientId,
        @Schema(description = "HTTPS authority host, e.g. https://login.microsoftonline.us; default from configuration") String authorityHost,
        @Schema(description = "Explicit authorization URL; default {authorityHost}/{tenantId}/oauth2/v2.0/authorize") String authorizationUrl,
        @Schema(description = "Explicit token URL; default {authorityHost}/{tenantId}/oauth2/v2.0/token") String tokenUrl,
        @Schema(description = "secret (default), certificate or federated") String clientAuthentication,
        @Schema(description = "Client secret (write-only)", writeOnly = true) String clientSecret,
        @Schema(description = "PEM certificate of the app (for certificate authentication)") @MultiLineText String certificatePem,
        @Schema(description = "PEM PKCS#8 private key (write-only)", writeOnly = true) @MultiLineText String privateKeyPem,
        @Schema(description = "Path of a projected service-account token file (federated authentication)") String federatedTokenFile,
        @Schema(description = "Scopes per resource: keys 'graph', 'outlook' or a resource URI; for client_credentials the lists stay empty ({resource}/.default is used). Give this or scope") Map<String, List<String>> scopes,
        @Schema(description = "Redirect URI; default {public-url}/OAuth2Callback") String redirectUri,
        @Schema(description = "When the secret or certificate expires, to be warned in time") Instant secretExpiresAt,
        @Schema(description = "The one Scope string of the vendor guides, for one resource, e.g. 'Mail.ReadWrite offline_access', 'https://outlook.office.com/SMTP.Send offline_access' or 'https://graph.microsoft.com/.default'. Give this or scopes (both only when they mean the same)", example = "Mail.ReadWrite offline_access") String scope) {

    /** The request without a Scope string: the structured {@code scopes} say it all (the component list before it). */
    public CredentialRequest(String id, String description, String grantType, String tenantId, String clientId,
            String authorityHost, String authorizationUrl, String tokenUrl, String clientAuthentication,
            String clientSecret, String certificatePem, String privateKeyPem, String federatedTokenFile,
            Map<String, List<String>> scopes, String redirectUri, Instant secretExpiresAt) {
        this(id, description, grantType, tenantId, clientId, authorityHost, authorizationUrl, tokenUrl,
                clientAuthentication, clientSecret, certificatePem, privateKeyPem, federatedTokenFile, scopes,
                redirectUri, secretExpiresAt, null);
    }

    /** This request with the tenant and the scopes per resource that the validator derived. */
    CredentialRequest resolved(String tenant, Map<String, List<String>> resourceScopes) {
        return new CredentialRequest(id, description, grantType, tenant, clientId, authorityHost, authorizationUrl,
                tokenUrl, clientAuthentication, clientSecret, certificatePem, privateKeyPem, federatedTokenFile,
                resourceScopes, redirectUri, secretExpiresAt, scope);
    }
}
