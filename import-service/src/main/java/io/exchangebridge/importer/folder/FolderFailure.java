package io.exchangebridge.importer.folder;

import java.time.Duration;
import java.util.Optional;

/**
 * Why Graph would not list a mailbox's folders. The texts are for the API's client (never a token); the REST edge maps
 * each kind to its problem answer ({@code rest/FailureProblemMapper}), so this package never speaks HTTP. A wrong
 * request parameter is a {@code MailboxFailure.Invalid}, a credential without a token the broker's
 * {@code CredentialFailure}: both have their mapping already.
 */
public abstract sealed class FolderFailure extends RuntimeException {

    FolderFailure(String detail) {
        super(detail, null, false, false);
    }

    /** Graph is throttling or unavailable: try again, after {@link #retryAfter()}. */
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
