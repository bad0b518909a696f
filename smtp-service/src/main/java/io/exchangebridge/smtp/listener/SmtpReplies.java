package io.exchangebridge.smtp.listener;

import java.time.Duration;
import java.util.UUID;

import org.subethamail.smtp.RejectException;

import io.exchangebridge.smtp.submit.SubmissionRefused;

/**
 * The listener's replies, in one place: the SMTP edge of the relay's typed failures (what the REST mapper answers with
 * a problem status) and the listener's own refusals. Each text is what clients have seen so far; tests check them word
 * for word.
 */
final class SmtpReplies {

    private SmtpReplies() {
    }

    /** The reply to a refused submission. */
    static RejectException refused(SubmissionRefused e) {
        return switch (e) {
            case SubmissionRefused.TooLarge t -> tooLarge();
            case SubmissionRefused.SenderNotAllowed s -> senderNotAllowed();
            case SubmissionRefused.NoRoute n ->
                new RejectException(550, "5.7.1 No route for this sender; ask the administrator to add one");
            case SubmissionRefused.BadMime m -> malformed(m);
            // not reachable from SMTP (JSON fields, Idempotency-Key), answered as a malformed message
            case SubmissionRefused.BadField f -> malformed(f);
            case SubmissionRefused.KeyReused k -> malformed(k);
        };
    }

    static String queued(UUID id) {
        return "2.0.0 OK queued as " + id;
    }

    static RejectException notAuthenticated() {
        return new RejectException(530, "5.7.57 Client not authenticated to send mail");
    }

    static RejectException nullSender() {
        return new RejectException(553, "5.1.7 The null sender is not accepted here");
    }

    static RejectException invalidSender() {
        return new RejectException(553, "5.1.3 Invalid sender address");
    }

    static RejectException invalidRecipient() {
        return new RejectException(553, "5.1.3 Invalid recipient address");
    }

    static RejectException tooManyRecipients() {
        return new RejectException(452, "4.5.3 Too many recipients");
    }

    static RejectException senderNotAllowed() {
        return new RejectException(550, "5.7.1 Client does not have permissions to send as this sender");
    }

    static RejectException tooLarge() {
        return new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
    }

    /** The message could not be stored (the database is down): the client keeps it and tries again. */
    static RejectException temporaryFailure() {
        return new RejectException(451, "4.3.0 Temporary failure storing the message, try again later");
    }

    /**
     * The text after {@code 421} for an address refused after too many failed AUTHs: greeting or AUTH reply, then the
     * connection is closed. The wait is in whole seconds, rounded up.
     */
    static String lockedOutText(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return "4.7.0 Too many failed authentications from your address, try again in " + seconds + " seconds";
    }

    private static RejectException malformed(SubmissionRefused e) {
        return new RejectException(554, "5.6.0 " + e.getMessage());
    }
}
