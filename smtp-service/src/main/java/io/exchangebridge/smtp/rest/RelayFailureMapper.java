package io.exchangebridge.smtp.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.problem.ProblemResponses;
import io.exchangebridge.smtp.route.DuplicateRoute;
import io.exchangebridge.smtp.submit.SubmissionRefused;

/**
 * The REST edge of the relay's typed failures: the one place that gives them an HTTP status, as problem+json built by
 * the foundation. Everything else (unknown exceptions, the database down) is the foundation's mapper's. The SMTP
 * listener answers the same failures with reply codes of its own ({@code listener.SmtpReplies}).
 */
public class RelayFailureMapper {

    @ServerExceptionMapper
    public Response submissionRefused(SubmissionRefused e, UriInfo uri) {
        return ProblemResponses.of(problem(e), uri);
    }

    @ServerExceptionMapper
    public Response duplicateRoute(DuplicateRoute e, UriInfo uri) {
        return ProblemResponses.of(ProblemException.conflict(e.getMessage()), uri);
    }

    static ProblemException problem(SubmissionRefused e) {
        return switch (e) {
            case SubmissionRefused.BadField f -> ProblemException.badRequest(f.getMessage());
            case SubmissionRefused.BadMime m -> ProblemException.badRequest(m.getMessage());
            // 413 Content Too Large is HTTP's status for an oversize request body
            case SubmissionRefused.TooLarge t -> new ProblemException(413, "Content Too Large", t.getMessage());
            case SubmissionRefused.SenderNotAllowed s -> new ProblemException(403, "Forbidden", s.getMessage());
            case SubmissionRefused.NoRoute n -> new ProblemException(422, "Unprocessable Content", n.getMessage());
            case SubmissionRefused.KeyReused k -> ProblemException.conflict(k.getMessage());
        };
    }
}
