package io.exchangebridge.credential.consent;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.problem.ProblemResponses;

/** The REST edge of the consent feature: its refusal as problem+json. */
public class ConsentProblems {

    public static ProblemException problem(NoUserConsent failure) {
        return ProblemException.conflict(failure.getMessage());
    }

    @ServerExceptionMapper
    public Response map(NoUserConsent failure, UriInfo uri) {
        return ProblemResponses.of(problem(failure), uri);
    }
}
