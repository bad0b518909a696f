package io.exchangebridge.smtp.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.submit.SubmissionRefused;

/** Each refused submission gets the listener's reply of before, word for word. */
class SmtpRepliesTest {

    @Test
    void everyRefusalHasItsReply() {
        assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
                reply(new SubmissionRefused.TooLarge(2000, 1000)));
        assertEquals("550 5.7.1 No route for this sender; ask the administrator to add one",
                reply(new SubmissionRefused.NoRoute("alice@contoso.example")));
        assertEquals("550 5.7.1 Client does not have permissions to send as this sender",
                reply(new SubmissionRefused.SenderNotAllowed("scanner", "bob@fabrikam.example")));
        assertEquals("554 5.6.0 Header 'From' is required, once.",
                reply(new SubmissionRefused.BadMime("Header 'From' is required, once.")));
        assertEquals("554 5.6.0 Header 'Idempotency-Key' must be 1 to 200 characters.",
                reply(new SubmissionRefused.BadField("Header 'Idempotency-Key' must be 1 to 200 characters.")));
        assertEquals("554 5.6.0 Idempotency-Key 'k' was already used for a different message.",
                reply(new SubmissionRefused.KeyReused("k")));
    }

    private static String reply(SubmissionRefused refused) {
        return SmtpReplies.refused(refused).getErrorResponse();
    }
}
