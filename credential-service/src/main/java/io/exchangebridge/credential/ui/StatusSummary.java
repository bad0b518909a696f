package io.exchangebridge.credential.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.exchangebridge.credential.credential.CredentialView;

/**
 * How the UI shows a credential's status: a badge, what it means and what the administrator should do about it.
 *
 * @param badge
 *            the badge text, e.g. "Active" or "Secret expiring in 12 days"
 * @param tone
 *            the badge's colour class: ok, warn, error or info
 * @param explanation
 *            what the status means (from the classification of Entra's answer)
 * @param action
 *            what to do, or null when nothing is to be done
 */
public record StatusSummary(String badge, String tone, String explanation, String action) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    public static StatusSummary of(CredentialView v, int warningDays, Instant now) {
        CredentialView.Status s = v.status();
        String explanation = s.explanation();
        return switch (s.state()) {
            case "CONSENT_REQUIRED" -> new StatusSummary("Consent required", "warn", explanation,
                    "Click the key icon (Connect) and sign in with the account whose mailbox this credential uses.");
            case "CONFIG_ERROR" -> new StatusSummary("Configuration error", "error",
                    (s.code() == null ? "" : s.code() + ": ") + explanation, configAction(v, s.code()));
            case "TRANSIENT_ERROR" -> new StatusSummary("Transient error", "info",
                    (s.code() == null ? "" : s.code() + ": ") + explanation,
                    "Nothing to do: Entra ID is retried automatically. If this lasts, check the service's network "
                            + "access to the authority host.");
            default -> active(v, warningDays, now);
        };
    }

    private static StatusSummary active(CredentialView v, int warningDays, Instant now) {
        Instant expires = v.secretExpiresAt();
        String what = "certificate".equals(v.clientAuthentication()) ? "certificate" : "client secret";
        if (expires != null && expires.isBefore(now)) {
            return new StatusSummary("Secret expired", "error", "The " + what + " expired on " + DAY.format(expires)
                    + "; tokens will be refused once the cached ones expire.", renew(what, expires, true));
        }
        if (expires != null && expires.isBefore(now.plus(Duration.ofDays(warningDays)))) {
            long days = Math.max(1, Duration.between(now, expires).toDays());
            return new StatusSummary("Secret expiring in " + days + (days == 1 ? " day" : " days"), "warn",
                    "The " + what + " expires on " + DAY.format(expires) + ".", renew(what, expires, false));
        }
        return new StatusSummary("Active", "ok", "Ready to hand out tokens.", null);
    }

    private static String configAction(CredentialView v, String code) {
        if ("AADSTS7000222".equals(code)) {
            String when = v.secretExpiresAt() == null ? "" : " on " + DAY.format(v.secretExpiresAt());
            return "The client secret expired" + when + " — create a new secret in Entra ID (App registrations → "
                    + "Certificates & secrets) and paste its value here (Edit).";
        }
        if ("AADSTS7000215".equals(code)) {
            return "Copy the secret's Value (not its Secret ID) from Entra ID (App registrations → Certificates & "
                    + "secrets) and paste it here (Edit).";
        }
        if ("AADSTS700016".equals(code) || "AADSTS90002".equals(code)) {
            return "Compare the tenant and client id with the app registration's overview page, correct them "
                    + "here (Edit) and save.";
        }
        return "Correct the registration in Entra ID or here (Edit); saving the credential clears the error and "
                + "tries again.";
    }

    private static String renew(String what, Instant expires, boolean expired) {
        return (expired ? "Create" : "Before " + DAY.format(expires) + ", create") + " a new " + what
                + " in Entra ID (App registrations → Certificates & secrets), paste it here (Edit) and update "
                + "the expiry date.";
    }
}
