package io.exchangebridge.smtp.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.submit.SubmissionRefused;

/** Each refused submission gets the problem status, title and detail of before. */
class RelayFailureMapperTest {

    @Test
    void everyRefusalHasItsProblem() {
        assertProblem(400, "Bad Request", "Field 'from' is required.",
                new SubmissionRefused.BadField("Field 'from' is required."));
        assertProblem(400, "Bad Request", "Malformed MIME: the header cannot be parsed.",
                new SubmissionRefused.BadMime("Malformed MIME: the header cannot be parsed."));
        assertProblem(413, "Content Too Large", "The message is 2000 bytes; the limit is 1000.",
                new SubmissionRefused.TooLarge(2000, 1000));
        assertProblem(403, "Forbidden",
                "User 'other' may not send as 'bob@fabrikam.example': an administrator adds the address or its"
                        + " domain to relay.api-senders.other.allowed-senders.",
                new SubmissionRefused.SenderNotAllowed("other", "bob@fabrikam.example"));
        assertProblem(422, "Unprocessable Content",
                "No sender route covers 'alice@contoso.example': an administrator adds one for the address or its"
                        + " domain in /api/routes.",
                new SubmissionRefused.NoRoute("alice@contoso.example"));
        assertProblem(409, "Conflict", "Idempotency-Key 'k' was already used for a different message.",
                new SubmissionRefused.KeyReused("k"));
    }

    private static void assertProblem(int status, String title, String detail, SubmissionRefused refused) {
        ProblemException problem = RelayFailureMapper.problem(refused);
        assertEquals(status, problem.status());
        assertEquals(title, problem.title());
        assertEquals(detail, problem.getMessage());
        assertEquals(0, problem.extensions().size() + problem.headers().size());
    }
}
