package io.exchangebridge.credential.token;

import java.util.Map;

import io.exchangebridge.credential.credential.CredentialStatus;

/**
 * Classifies Entra ID token endpoint failures by {@code error} and {@code error_codes} — never by the description text
 * — following the table in the Microsoft 365 facts.
 */
public final class EntraErrorClassifier {

    private record Rule(CredentialStatus status, String explanation) {
    }

    private static final Map<Long, Rule> BY_CODE = Map.ofEntries(
            Map.entry(70008L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "The refresh token has expired. A user must sign in and consent again.")),
            Map.entry(700082L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "The refresh token expired after a long time unused. A user must sign in and consent again.")),
            Map.entry(50173L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "The grant was revoked (for example after a password change). A user must sign in and consent again.")),
            Map.entry(70043L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "Conditional Access requires the user to sign in again. A user must sign in and consent again.")),
            Map.entry(70000L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "The grant is no longer valid. A user must sign in and consent again.")),
            Map.entry(54005L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "The sign-in code was already used. Start the sign-in again.")),
            Map.entry(65001L, new Rule(CredentialStatus.CONSENT_REQUIRED,
                    "Consent has not been granted. A user (or an administrator for the tenant) must consent.")),
            Map.entry(7000215L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "The client secret is wrong. Enter the secret's value (not its id) from the app registration.")),
            Map.entry(7000222L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "The client secret has expired. Create a new secret in the app registration and update the credential.")),
            Map.entry(700016L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "The application was not found in the tenant. Check the client id and tenant id.")),
            Map.entry(90002L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "The tenant was not found. Check the tenant id.")),
            Map.entry(70011L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "A scope is invalid, or scopes of different resources were mixed. Check the credential's scopes.")),
            Map.entry(53003L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "Conditional Access blocks this sign-in. An administrator must adjust the policy.")),
            Map.entry(900144L, new Rule(CredentialStatus.CONFIG_ERROR,
                    "Entra ID reports a missing request parameter: a bug in the broker. Report it.")),
            Map.entry(50196L, new Rule(CredentialStatus.TRANSIENT_ERROR,
                    "Entra ID detected a request loop and blocks the client for a while. Retried later.")));

    private EntraErrorClassifier() {
    }

    public static Classification classify(EntraResult result, boolean delegated) {
        if (result instanceof EntraResult.Unreachable u) {
            return new Classification(CredentialStatus.TRANSIENT_ERROR, null,
                    "Entra ID could not be reached (" + u.reason() + "). Retried automatically.");
        }
        EntraResult.Failure f = (EntraResult.Failure) result;
        String code = f.aadsts().orElse(f.error());
        for (Long c : f.codes()) {
            Rule rule = BY_CODE.get(c);
            if (rule != null) {
                CredentialStatus status = rule.status;
                if (c == 65001L && !delegated) {
                    return new Classification(CredentialStatus.CONFIG_ERROR, code,
                            "Admin consent for the application permissions has not been granted. "
                                    + "An administrator must grant it in the app registration.");
                }
                return new Classification(status, code, rule.explanation);
            }
        }
        if ("temporarily_unavailable".equals(f.error()) || f.httpStatus() >= 500 || f.httpStatus() == 429) {
            return new Classification(CredentialStatus.TRANSIENT_ERROR, code,
                    "Entra ID is temporarily unavailable (HTTP " + f.httpStatus() + "). Retried automatically.");
        }
        return switch (f.error()) {
            case "invalid_grant" -> new Classification(CredentialStatus.CONSENT_REQUIRED, code,
                    "The grant is no longer valid. A user must sign in and consent again.");
            case "invalid_client", "unauthorized_client" -> new Classification(CredentialStatus.CONFIG_ERROR, code,
                    "Entra ID refused the application's credentials. Check client id, secret or certificate.");
            case "invalid_scope" -> new Classification(CredentialStatus.CONFIG_ERROR, code,
                    "A scope is invalid. Check the credential's scopes.");
            case "interaction_required", "consent_required" -> new Classification(
                    delegated ? CredentialStatus.CONSENT_REQUIRED : CredentialStatus.CONFIG_ERROR, code,
                    "Entra ID requires a user interaction. A user must sign in and consent again.");
            default -> new Classification(CredentialStatus.CONFIG_ERROR, code,
                    "Entra ID refused the request (" + f.error() + "). Check the credential's configuration.");
        };
    }
}
