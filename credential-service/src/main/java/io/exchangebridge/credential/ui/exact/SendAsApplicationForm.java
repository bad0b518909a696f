package io.exchangebridge.credential.ui.exact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestForm;

import io.exchangebridge.credential.credential.CredentialRequest;
import io.exchangebridge.credential.ui.CsrfGuard;
import io.exchangebridge.foundation.text.TextRule;

/**
 * The Exact guide's four fields (and when the secret expires): an application (client credentials) credential for
 * Graph's {@code .default} scope, and the sender the route is for.
 */
public class SendAsApplicationForm {

    static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    /** The form's inputs by field name: input name and label. */
    static final Map<String, String[]> LABELS = Map.of("tenantId", new String[]{"tenantId", "Tenant ID"},
            "clientId", new String[]{"clientId", "Client ID"},
            "clientSecret", new String[]{"clientSecret", "Client secret"},
            "secretExpiresAt", new String[]{"secretExpiresAt", "Secret expires on"},
            "sender", new String[]{"sender", "Sender account"}, "mailbox", new String[]{"sender", "Sender account"},
            "id", new String[]{"sender", "Sender account"});

    @RestForm(CsrfGuard.FIELD)
    public String csrf;
    @RestForm
    public String tenantId;
    @RestForm
    public String clientId;
    @RestForm
    public String clientSecret;
    @RestForm
    public String sender;
    @RestForm
    public String secretExpiresAt;

    /** {@code send-} and the sender with every other character than a letter or digit as {@code -}. */
    public static String credentialId(String sender) {
        String id = "send-" + sender.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return id.length() > 64 ? id.substring(0, 64).replaceAll("-$", "") : id;
    }

    /** The form's own errors by field name (the credential-service's validator checks the rest). */
    Map<String, String> check() {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("tenantId", tenantId);
        values.put("clientId", clientId);
        values.put("clientSecret", clientSecret);
        values.put("sender", sender);
        values.put("secretExpiresAt", secretExpiresAt);
        values.forEach((field, value) -> {
            String violation = value == null ? null : TextRule.violation(value, false);
            if (violation != null) {
                errors.put(field, LABELS.get(field)[1] + " contains " + violation + ".");
            }
        });
        if (!errors.containsKey("sender") && (sender == null || !ADDRESS.matcher(sender.trim()).matches())) {
            errors.put("sender", "Sender account must be the email address of the mailbox that sends, e.g. "
                    + "erp@contoso.com.");
        }
        if (!errors.containsKey("clientSecret") && (clientSecret == null || clientSecret.isBlank())) {
            errors.put("clientSecret", "Client secret is required: the value of a secret of the app registration.");
        }
        if (!errors.containsKey("secretExpiresAt") && expires() == null && present(secretExpiresAt)) {
            errors.put("secretExpiresAt", "Secret expires on must be a date (yyyy-mm-dd).");
        }
        return errors;
    }

    /** The client credentials credential; its description names the sender. */
    CredentialRequest toRequest() {
        return new CredentialRequest(credentialId(sender), "Send mail as " + sender.trim() + " (application)",
                "client_credentials", trim(tenantId), trim(clientId), null, null, null, "secret", clientSecret.trim(),
                null, null, null, Map.of("graph", List.of()), null, expires());
    }

    private Instant expires() {
        if (!present(secretExpiresAt)) {
            return null;
        }
        try {
            return LocalDate.parse(secretExpiresAt.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String trim(String s) {
        return present(s) ? s.trim() : null;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
