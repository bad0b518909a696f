package io.exchangebridge.smtp.submit;

/**
 * Why a submission was refused, whichever way it came in. The message is safe to show to the client (it names the field
 * or header at fault, never a library's text). The edges give each case its answer: the REST mapper a problem status,
 * the SMTP listener a reply code.
 */
public abstract sealed class SubmissionRefused extends RuntimeException {

    SubmissionRefused(String message) {
        super(message, null, false, false);
    }

    /** A JSON field (or the Idempotency-Key header) is missing or invalid, or no message can be built from them. */
    public static final class BadField extends SubmissionRefused {
        public BadField(String message) {
            super(message);
        }
    }

    /** Raw MIME that is empty, malformed or without a single valid From, recipients or a body matching its type. */
    public static final class BadMime extends SubmissionRefused {
        public BadMime(String message) {
            super(message);
        }
    }

    /** The message is bigger than {@code relay.max-message-size}. */
    public static final class TooLarge extends SubmissionRefused {
        public TooLarge(int size, int limit) {
            super("The message is " + size + " bytes; the limit is " + limit + ".");
        }
    }

    /** The submitting user may not send as this sender. */
    public static final class SenderNotAllowed extends SubmissionRefused {
        public SenderNotAllowed(String user, String from) {
            super("User '" + user + "' may not send as '" + from
                    + "': an administrator adds the address or its domain to relay.api-senders." + user
                    + ".allowed-senders.");
        }
    }

    /** No sender route covers the sender. */
    public static final class NoRoute extends SubmissionRefused {
        public NoRoute(String sender) {
            super("No sender route covers '" + sender
                    + "': an administrator adds one for the address or its domain in /api/routes.");
        }
    }

    /** The Idempotency-Key was already used by this submitter for a different message. */
    public static final class KeyReused extends SubmissionRefused {
        public KeyReused(String idempotencyKey) {
            super("Idempotency-Key '" + idempotencyKey + "' was already used for a different message.");
        }
    }
}
