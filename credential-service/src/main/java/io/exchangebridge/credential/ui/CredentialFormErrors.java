package io.exchangebridge.credential.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exchangebridge.credential.credential.FieldErrors;

/**
 * The error summary above the credential form and the Replace secret form: each API field's label, linked to its input,
 * in the order of the form (the vendor guides' order).
 */
final class CredentialFormErrors {

    /** API field → {input id, label}, in the order of the form. */
    private static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

    static {
        field("id", "id", "Id");
        field("description", "description", "Description");
        field("grantType", "grantType", "Grant type");
        field("authorizationUrl", "authorizationUrl", "Authorization URL");
        field("tokenUrl", "tokenUrl", "Access token URL");
        field("clientId", "clientId", "Client Id");
        field("tenantId", "tenantId", "Directory (tenant) id");
        field("clientSecret", "clientSecret", "Client secret");
        field("scope", "scope", "Scope");
        field("secretExpiresAt", "secretExpiresAt", "Secret or certificate expires on");
        field("clientAuthentication", "clientAuthentication", "Client authentication");
        field("certificatePem", "certificatePem", "Certificate (PEM)");
        field("privateKeyPem", "privateKeyPem", "Private key (PEM, PKCS#8)");
        field("federatedTokenFile", "federatedTokenFile", "Service account token file");
        field("authorityHost", "authorityHost", "Authority host");
        field("redirectUri", "redirectUri", "Redirect URI");
        field("scopes", "graphScopes", "Scopes per resource");
        field("scopes.graph", "graphScopes", "Graph scopes");
        field("scopes.outlook", "outlookScopes", "Outlook scopes");
    }

    private CredentialFormErrors() {
    }

    private static void field(String apiField, String input, String label) {
        FIELDS.put(apiField, new String[]{input, label});
    }

    static List<FormError> summary(FieldErrors errors) {
        Map<String, String> byField = errors.asMap();
        List<FormError> result = new ArrayList<>();
        FIELDS.forEach((field, input) -> {
            if (byField.containsKey(field)) {
                result.add(new FormError(input[0], input[1], byField.get(field)));
            }
        });
        byField.forEach((field, message) -> {
            if (!FIELDS.containsKey(field)) {
                result.add(new FormError("save", field, message));
            }
        });
        return result;
    }
}
