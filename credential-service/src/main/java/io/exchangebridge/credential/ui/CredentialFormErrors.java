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
        field("id", "Id");
        field("description", "Description");
        field("grantType", "Grant type");
        field("authorizationUrl", "Authorization URL");
        field("tokenUrl", "Access token URL");
        field("clientId", "Client Id");
        field("tenantId", "Directory (tenant) id");
        field("clientSecret", "Client secret");
        field("scope", "Scope");
        field("secretExpiresAt", "Secret or certificate expires on");
        field("clientAuthentication", "Client authentication");
        field("certificatePem", "Certificate (PEM)");
        field("privateKeyPem", "Private key (PEM, PKCS#8)");
        field("federatedTokenFile", "Service account token file");
        field("authorityHost", "Authority host");
        field("redirectUri", "Redirect URI");
        field("scopes", "graphScopes", "Scopes per resource");
        field("scopes.graph", "graphScopes", "Graph scopes");
        field("scopes.outlook", "outlookScopes", "Outlook scopes");
    }

    private CredentialFormErrors() {
    }

    /** A field whose input has the API field's name as its id. */
    private static void field(String apiField, String label) {
        field(apiField, apiField, label);
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
