package io.exchangebridge.importer.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.problem.ProblemResponses;
import io.exchangebridge.importer.mailbox.MailboxFailure;

/**
 * The REST edge of import-service's typed failures: the one place where a feature's failure becomes an HTTP status and
 * a problem+json answer (through the foundation's {@link ProblemResponses}, so it has the same shape as every other
 * problem). Domain packages throw their sealed failure types and never name a status.
 */
public class FailureProblemMapper {

    @ServerExceptionMapper
    public Response mailbox(MailboxFailure failure, UriInfo uri) {
        ProblemException problem = switch (failure) {
            case MailboxFailure.NotFound f -> ProblemException.notFound(f.getMessage());
            case MailboxFailure.AlreadyExists f -> ProblemException.conflict(f.getMessage());
            case MailboxFailure.FolderTaken f -> ProblemException.conflict(f.getMessage());
            case MailboxFailure.Invalid f -> ProblemException.badRequest(f.getMessage());
        };
        return ProblemResponses.of(problem, uri);
    }
}
