package io.exchangebridge.credential.credential;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The scopes per resource of a credential: from the Scope string, or the structured map, or both when they agree. */
final class ScopeRules {

    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private ScopeRules() {
    }

    /** The scopes per resource: from the Scope string, or the structured map, or both when they mean the same. */
    static Map<String, List<String>> scopes(CredentialRequest r, GrantType grant, FieldErrors errors) {
        boolean delegated = grant == GrantType.AUTHORIZATION_CODE;
        boolean structured = r.scopes() != null && !r.scopes().isEmpty();
        if (r.scope() == null || (r.scope().isBlank() && structured)) {
            if (!structured) {
                errors.add("scope", "is required: one Scope string, e.g. 'Mail.ReadWrite offline_access' or "
                        + "'https://graph.microsoft.com/.default' (or the structured scopes map)");
                return r.scopes();
            }
            checkScopes(r.scopes(), grant, errors);
            return r.scopes();
        }
        ScopeString.Parsed parsed = ScopeString.parse(r.scope(), grant);
        if (!parsed.valid()) {
            errors.add("scope", parsed.error());
            return r.scopes();
        }
        if (structured) {
            FieldErrors own = new FieldErrors();
            checkScopes(r.scopes(), grant, own);
            errors.addAll(own);
            if (own.isEmpty() && !ScopeString.normalize(r.scopes(), delegated)
                    .equals(ScopeString.normalize(parsed.scopes(), delegated))) {
                errors.add("scope", "and scopes say different things (scope names " + ScopeString.normalize(
                        parsed.scopes(), delegated) + ", scopes " + ScopeString.normalize(r.scopes(), delegated)
                        + "): give one of them, the Scope string or the structured scopes map");
            }
            return r.scopes();
        }
        return parsed.scopes();
    }

    private static void checkScopes(Map<String, List<String>> scopes, GrantType grant, FieldErrors errors) {
        boolean delegated = grant == GrantType.AUTHORIZATION_CODE;
        for (var entry : scopes.entrySet()) {
            String field = "scopes." + entry.getKey();
            if (Resources.uri(entry.getKey(), delegated).isEmpty()) {
                errors.add(field, "is not a resource: use 'graph', 'outlook' or an https resource URI");
                continue;
            }
            List<String> list = entry.getValue() == null ? List.of() : entry.getValue();
            if (list.stream().anyMatch(s -> s == null || !SCOPE.matcher(s).matches())) {
                errors.add(field, "contains an invalid scope");
            } else if (delegated && list.isEmpty()) {
                errors.add(field, "must list the delegated scopes, e.g. [\"Mail.ReadWrite\"]");
            } else if (!delegated && !(list.isEmpty() || list.equals(List.of(".default")))) {
                errors.add(field, "must be empty for client_credentials: {resource}/.default is requested");
            }
        }
    }
}
