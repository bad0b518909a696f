package io.exchangebridge.smtp.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key header passes no JSON reader and no parameter filter, so the submission applies the foundation's
 * text rule to it before anything is stored (the outbox is never reached: it is null here).
 */
class SubmissionServiceTest {

    private final SubmissionService submissions = new SubmissionService(null, null, null, null);

    @Test
    void anIdempotencyKeyWithAControlCharacterIsRefusedNamingTheHeader() {
        SubmissionRefused refused = assertThrows(SubmissionRefused.BadField.class,
                () -> submissions.submit("app", "key\u0001one", new byte[0], null));
        assertEquals("Header 'Idempotency-Key' contains a control character (U+0001).", refused.getMessage());
    }

    @Test
    void aBlankOrOverlongIdempotencyKeyIsRefused() {
        assertThrows(SubmissionRefused.BadField.class, () -> submissions.submit("app", " ", new byte[0], null));
        assertThrows(SubmissionRefused.BadField.class,
                () -> submissions.submit("app", "k".repeat(201), new byte[0], null));
    }
}
