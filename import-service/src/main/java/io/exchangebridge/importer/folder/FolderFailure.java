package io.exchangebridge.importer.folder;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a mailbox's folders could not be listed. The texts are for the API's client (never a token); the REST edge maps
 * each kind to its problem answer ({@code rest/FailureProblemMapper}), so this package never speaks HTTP.
 */
public abstract sealed class FolderFailure extends RuntimeException {

    FolderFailure(String detail) {
        super(detail, null, false, false);
    }

    /** A request parameter is missing or wrong; {@code field} names it (several: comma separated). */
    public static final class Invalid extends FolderFailure {
        private final String field;

        Invalid(String field, String detail) {
            super(detail);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The credential exists but gives no token yet: consent required, configuration error, secret expired. */
    public static final class CredentialNotReady extends FolderFailure {
        private final String credentialStatus;
        private final String code;
        private final String consentUrl;

        CredentialNotReady(String detail, String credentialStatus, String code, String consentUrl) {
            super(detail);
            this.credentialStatus = credentialStatus;
            this.code = code;
            this.consentUrl = consentUrl;
        }

        /** The broker's status, such as {@code CONSENT_REQUIRED}. */
        public String credentialStatus() {
            return credentialStatus;
        }

        /** The AADSTS code the broker reported; null when none. */
        public String code() {
            return code;
        }

        /** Where consent can be granted; null when the broker named no URL. */
        public String consentUrl() {
            return consentUrl;
        }
    }

    /**
     * The credential-service knows no such credential or refuses this service access to it; {@code fromRequest} tells
     * whether the credential was named in the request (a wrong parameter) or by a stored mailbox account.
     */
    public static final class CredentialUnusable extends FolderFailure {
        private final boolean fromRequest;

        CredentialUnusable(String detail, boolean fromRequest) {
            super(detail);
            this.fromRequest = fromRequest;
        }

        public boolean fromRequest() {
            return fromRequest;
        }
    }

    /** Graph or the credential-service is throttling or unavailable: try again, after {@link #retryAfter()}. */
    public static final class Unavailable extends FolderFailure {
        private final Duration retryAfter;

        Unavailable(String detail, Duration retryAfter) {
            super(detail);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Graph refused the listing; {@code kind} says why, {@code graphCode} is Graph's error code (may be empty). */
    public static final class GraphRefused extends FolderFailure {

        /** What Graph's refusal means. */
        public enum Kind {
            /** The credential lacks Mail.Read(Write) or an application access policy excludes the mailbox. */
            ACCESS_DENIED,
            /** No such mailbox in the tenant. */
            MAILBOX_NOT_FOUND,
            /** On-premises, inactive or unlicensed mailbox. */
            MAILBOX_NOT_ENABLED_FOR_REST,
            /** Graph rejected even a fresh token. */
            UNAUTHORIZED,
            /** Any other Graph error. */
            GRAPH_ERROR
        }

        private final Kind kind;
        private final String graphCode;

        GraphRefused(Kind kind, String graphCode, String detail) {
            super(detail);
            this.kind = kind;
            this.graphCode = graphCode;
        }

        public Kind kind() {
            return kind;
        }

        public String graphCode() {
            return graphCode;
        }
    }
}
