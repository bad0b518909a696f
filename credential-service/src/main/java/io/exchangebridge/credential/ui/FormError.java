package io.exchangebridge.credential.ui;

import java.util.List;
import java.util.Map;

import io.exchangebridge.credential.credential.FieldErrors;

/**
 * One line of the error summary above the form: the field's label, linked to its input, and the validator's message.
 *
 * @param input
 *            the id of the input to jump to
 */
public record FormError(String input, String label, String message) {

    /** The form's labels of the API's field names. */
    private static final Map<String, String[]> FIELDS = Map.ofEntries(
            Map.entry("id", new String[]{"id", "Id"}),
            Map.entry("description", new String[]{"description", "Description"}),
            Map.entry("grantType", new String[]{"grantType", "Grant type"}),
            Map.entry("tenantId", new String[]{"tenantId", "Directory (tenant) id"}),
            Map.entry("clientId", new String[]{"clientId", "Application (client) id"}),
            Map.entry("clientAuthentication", new String[]{"clientAuthentication", "Client authentication"}),
            Map.entry("clientSecret", new String[]{"clientSecret", "Client secret"}),
            Map.entry("secretExpiresAt", new String[]{"secretExpiresAt", "Secret or certificate expires on"}),
            Map.entry("certificatePem", new String[]{"certificatePem", "Certificate (PEM)"}),
            Map.entry("privateKeyPem", new String[]{"privateKeyPem", "Private key (PEM, PKCS#8)"}),
            Map.entry("federatedTokenFile", new String[]{"federatedTokenFile", "Service account token file"}),
            Map.entry("scopes", new String[]{"graphScopes", "Scopes"}),
            Map.entry("scopes.graph", new String[]{"graphScopes", "Graph scopes"}),
            Map.entry("scopes.outlook", new String[]{"outlookScopes", "Outlook scopes"}),
            Map.entry("authorityHost", new String[]{"authorityHost", "Authority host"}),
            Map.entry("authorizationUrl", new String[]{"authorizationUrl", "Authorization URL"}),
            Map.entry("tokenUrl", new String[]{"tokenUrl", "Token URL"}),
            Map.entry("redirectUri", new String[]{"redirectUri", "Redirect URI"}));

    static List<FormError> summary(FieldErrors errors) {
        return errors.asMap().entrySet().stream().sorted(Map.Entry.comparingByKey(FormError::order)).map(e -> {
            String[] field = FIELDS.getOrDefault(e.getKey(), new String[]{"save", e.getKey()});
            return new FormError(field[0], field[1], e.getValue());
        }).toList();
    }

    /** Summary lines follow the form's order, not the map's. */
    private static int order(String a, String b) {
        return Integer.compare(position(a), position(b));
    }

    private static int position(String field) {
        List<String> order = List.of("id", "description", "grantType", "tenantId", "clientId", "clientAuthentication",
                "clientSecret", "secretExpiresAt", "certificatePem", "privateKeyPem", "federatedTokenFile", "scopes",
                "scopes.graph", "scopes.outlook", "authorityHost", "authorizationUrl", "tokenUrl", "redirectUri");
        int i = order.indexOf(field);
        return i < 0 ? order.size() : i;
    }
}
