package io.exchangebridge.credential.credential;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.problem.ProblemResponses;

/** The REST edge of the credential feature: each {@link CredentialFailure} as its problem+json answer. */
public class CredentialProblems {

    /** The problem answering {@code failure}; the admin UI shows the same status and detail on a page. */
    public static ProblemException problem(CredentialFailure failure) {
        return switch (failure) {
            case CredentialFailure.NotFound f -> ProblemException.notFound(f.getMessage());
            case CredentialFailure.AlreadyExists f -> ProblemException.conflict(f.getMessage());
            case InvalidCredentialException f -> ProblemException.badRequest(f.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response map(CredentialFailure failure, UriInfo uri) {
        return ProblemResponses.of(problem(failure), uri);
    }
}
