package io.exchangebridge.credential.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;

import io.exchangebridge.credential.credential.CredentialRequest;
import io.exchangebridge.credential.credential.CredentialView;
import io.exchangebridge.credential.credential.FieldErrors;
import io.exchangebridge.credential.credential.Resources;
import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.foundation.text.TextRule;

/**
 * The create / edit form: the REST API's fields in the order of the vendor guides, with the one Scope string as the
 * primary input; the scopes per resource (Graph and Outlook as two checkboxes with a space-separated list each) stay
 * under Advanced. Secrets are never filled in: empty keeps the stored one.
 */
public class CredentialForm {

    @RestForm
    public String id;
    @RestForm
    public String description;
    @RestForm
    public String grantType;
    @RestForm
    public String tenantId;
    @RestForm
    public String clientId;
    @RestForm
    public String authorityHost;
    @RestForm
    public String authorizationUrl;
    @RestForm
    public String tokenUrl;
    @RestForm
    public String clientAuthentication;
    @RestForm
    public String clientSecret;
    @RestForm
    public String certificatePem;
    @RestForm
    public String privateKeyPem;
    @RestForm
    public String federatedTokenFile;
    /** The one Scope string of the guides, e.g. {@code Mail.ReadWrite offline_access}. */
    @RestForm
    public String scope;
    @RestForm
    public boolean graph;
    @RestForm
    public String graphScopes;
    @RestForm
    public boolean outlook;
    @RestForm
    public String outlookScopes;
    @RestForm
    public String redirectUri;
    /** A date (yyyy-mm-dd), midnight UTC. */
    @RestForm
    public String secretExpiresAt;
    @RestForm(CsrfGuard.FIELD)
    public String csrf;

    /** An empty form for a new delegated credential. */
    public static CredentialForm blank() {
        CredentialForm f = new CredentialForm();
        f.grantType = "authorization_code";
        f.clientAuthentication = "secret";
        return f;
    }

    /**
     * The form of a stored credential, without its secrets. Its authorization and token URLs are filled in only when
     * they are not the ones the authority implies.
     *
     * @param defaultAuthorityHost
     *            the authority host when the credential names none ({@code credential.default-authority-host})
     */
    public static CredentialForm of(CredentialView v, String defaultAuthorityHost) {
        CredentialForm f = new CredentialForm();
        f.id = v.id();
        f.description = v.description();
        f.grantType = v.grantType();
        f.tenantId = v.tenantId();
        f.clientId = v.clientId();
        f.authorityHost = v.authorityHost();
        f.clientAuthentication = v.clientAuthentication();
        f.certificatePem = v.certificatePem();
        f.federatedTokenFile = v.federatedTokenFile();
        f.scope = v.scope();
        // The lists per resource only for what one Scope string cannot say (scopes for two resources).
        List<String> graphList = v.scope() == null ? v.scopes().get(Resources.GRAPH) : null;
        List<String> outlookList = v.scope() == null ? v.scopes().get(Resources.OUTLOOK) : null;
        f.graph = graphList != null;
        f.graphScopes = graphList == null ? "" : String.join(" ", graphList);
        f.outlook = outlookList != null;
        f.outlookScopes = outlookList == null ? "" : String.join(" ", outlookList);
        f.redirectUri = v.redirectUri();
        f.secretExpiresAt = v.secretExpiresAt() == null
                ? null
                : LocalDate.ofInstant(v.secretExpiresAt(), ZoneOffset.UTC).toString();
        String host = v.authorityHost() != null ? v.authorityHost() : defaultAuthorityHost;
        String base = UrlPaths.withoutTrailingSlash(host) + "/" + v.tenantId() + "/oauth2/v2.0/";
        f.tokenUrl = (base + "token").equals(v.tokenUrl()) ? null : v.tokenUrl();
        f.authorizationUrl = v.authorizationUrl() == null || (base + "authorize").equals(v.authorizationUrl())
                ? null
                : v.authorizationUrl();
        return f;
    }

    /**
     * The API request of this form; problems of the form itself (a date that is not one) go to {@code errors}. Explicit
     * authorization and token URLs are kept only when they differ from what the authority implies.
     */
    public CredentialRequest toRequest(FieldErrors errors) {
        storable(errors);
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        if (graph) {
            scopes.put(Resources.GRAPH, words(graphScopes));
        }
        if (outlook) {
            scopes.put(Resources.OUTLOOK, words(outlookScopes));
        }
        Instant expires = date(secretExpiresAt, errors);
        return new CredentialRequest(trim(id), trim(description), trim(grantType), trim(tenantId), trim(clientId),
                trim(authorityHost), trim(authorizationUrl), trim(tokenUrl), trim(clientAuthentication),
                present(clientSecret) ? clientSecret : null, trim(certificatePem),
                present(privateKeyPem) ? privateKeyPem : null, trim(federatedTokenFile),
                scopes.isEmpty() ? null : scopes, trim(redirectUri), expires, trim(scope));
    }

    /** A date input (yyyy-mm-dd) as midnight UTC; null when empty; a problem goes to {@code errors}. */
    static Instant date(String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.add("secretExpiresAt", "must be a date (yyyy-mm-dd)");
            return null;
        }
    }

    /**
     * The foundation's text rule, as the JSON API applies it: a form post reaches no JSON reader, so its fields are
     * checked here and a bad one is shown next to the field instead of reaching PostgreSQL.
     */
    private void storable(FieldErrors errors) {
        Map<String, String> singleLine = new LinkedHashMap<>();
        singleLine.put("id", id);
        singleLine.put("description", description);
        singleLine.put("grantType", grantType);
        singleLine.put("tenantId", tenantId);
        singleLine.put("clientId", clientId);
        singleLine.put("authorityHost", authorityHost);
        singleLine.put("authorizationUrl", authorizationUrl);
        singleLine.put("tokenUrl", tokenUrl);
        singleLine.put("clientAuthentication", clientAuthentication);
        singleLine.put("clientSecret", clientSecret);
        singleLine.put("federatedTokenFile", federatedTokenFile);
        singleLine.put("scope", scope);
        singleLine.put("graphScopes", graphScopes);
        singleLine.put("outlookScopes", outlookScopes);
        singleLine.put("redirectUri", redirectUri);
        singleLine.put("secretExpiresAt", secretExpiresAt);
        singleLine.forEach((field, value) -> storable(errors, field, value, false));
        storable(errors, "certificatePem", certificatePem, true);
        storable(errors, "privateKeyPem", privateKeyPem, true);
    }

    /** Records why {@code value} cannot be stored ({@link TextRule}), if it cannot. */
    static void storable(FieldErrors errors, String field, String value, boolean multiLine) {
        String violation = value == null ? null : TextRule.violation(value, multiLine);
        if (violation != null) {
            errors.add(field, "contains " + violation);
        }
    }

    /** Whether the Advanced part holds scopes per resource (it is then shown open). */
    public boolean structuredScopes() {
        return graph || outlook;
    }

    public boolean delegated() {
        return "authorization_code".equals(grantType);
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("[\\s,]+"));
    }

    private static String trim(String s) {
        return present(s) ? s.trim() : null;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
