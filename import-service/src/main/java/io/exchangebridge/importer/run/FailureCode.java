package io.exchangebridge.importer.run;

import java.util.Locale;

/**
 * Machine-readable cause of a mailbox's FAILED or SKIPPED result; the names are the API's and the database's values.
 */
public enum FailureCode {
    /** The credential needs a user's or an administrator's consent at the credential-service. */
    CONSENT_REQUIRED,
    /** The credential is misconfigured (secret, app, scope or policy). */
    CREDENTIAL_CONFIG_ERROR,
    /** The credential-service reported a transient error of Entra ID. */
    CREDENTIAL_TRANSIENT_ERROR,
    /** The credential is not ready for another reason. */
    CREDENTIAL_NOT_READY,
    /** The credential-service knows no such credential. */
    CREDENTIAL_UNKNOWN,
    /** The credential-service refused this service access to the credential. */
    CREDENTIAL_FORBIDDEN,
    /** The credential-service could not be reached or failed. */
    CREDENTIAL_SERVICE_UNAVAILABLE,
    /** Graph refused access to the mailbox (permission or application access policy). */
    ACCESS_DENIED,
    /** Graph rejected even a fresh token. */
    UNAUTHORIZED, MAILBOX_NOT_FOUND, FOLDER_NOT_FOUND,
    /** The account's calendar (by name or id) does not exist in the mailbox. */
    CALENDAR_NOT_FOUND,
    /** On-premises, inactive or unlicensed mailbox. */
    MAILBOX_NOT_ENABLED_FOR_REST,
    /** Graph kept throttling or failing after the retries. */
    GRAPH_UNAVAILABLE,
    /** Any other Graph error. */
    GRAPH_ERROR,
    /** The account was deleted before the run reached it. */
    MAILBOX_ACCOUNT_DELETED,
    /** Another import of this mailbox holds its lease. */
    LEASE_HELD,
    /** A bug or an unexpected outage; the next run resumes. */
    INTERNAL_ERROR;

    /** The code for a credential that is not ready, from the credential-service's status. */
    static FailureCode notReady(String credentialStatus) {
        if (credentialStatus == null) {
            return CREDENTIAL_NOT_READY;
        }
        return switch (credentialStatus) {
            case "CONSENT_REQUIRED" -> CONSENT_REQUIRED;
            case "CONFIG_ERROR" -> CREDENTIAL_CONFIG_ERROR;
            case "TRANSIENT_ERROR" -> CREDENTIAL_TRANSIENT_ERROR;
            default -> CREDENTIAL_NOT_READY;
        };
    }

    /** A stored value; null stays null, a value this version does not know is read as its nearest kind. */
    static FailureCode fromDatabase(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return value.toUpperCase(Locale.ROOT).startsWith("CREDENTIAL_") ? CREDENTIAL_NOT_READY : INTERNAL_ERROR;
        }
    }
}
