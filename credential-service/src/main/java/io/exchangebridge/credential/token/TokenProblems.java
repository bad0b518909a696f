package io.exchangebridge.credential.token;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.problem.ProblemResponses;

/**
 * The REST edge of the token feature: each {@link TokenFailure} as its problem+json answer — 409 with the credential's
 * status (and the consent link when a user's consent is missing), 503 with {@code Retry-After}, or 400.
 */
@Singleton
public class TokenProblems {

    private final CredentialConfig config;

    public TokenProblems(CredentialConfig config) {
        this.config = config;
    }

    /**
     * @param baseUrl
     *            this service's base URL without a trailing slash, for the consent link
     */
    public static ProblemException problem(TokenFailure failure, String baseUrl) {
        return switch (failure) {
            case TokenFailure.NotReady n -> {
                ProblemException e = new ProblemException(409, "Credential Not Ready", n.getMessage())
                        .with("credentialStatus", n.status().name()).with("code", n.code()).with("since", n.since());
                if (n.consentable()) {
                    e.with("consentUrl", baseUrl + "/api/credentials/" + n.credentialId() + "/consent");
                }
                yield e;
            }
            case TokenFailure.Unavailable u -> new ProblemException(503, "Service Unavailable", u.getMessage())
                    .with("credentialStatus", CredentialStatus.TRANSIENT_ERROR.name()).with("code", u.code())
                    .header("Retry-After", Long.toString(Math.max(1, u.retryAfter().toSeconds())));
            case TokenFailure.Busy b -> new ProblemException(503, "Service Unavailable", b.getMessage())
                    .header("Retry-After", "1");
            case TokenFailure.InvalidRequest i -> ProblemException.badRequest(i.getMessage());
        };
    }

    /** This service's base URL as clients reach it: {@code credential.public-url}, else the request's. */
    public static String baseUrl(CredentialConfig config, UriInfo uri) {
        return UrlPaths.withoutTrailingSlash(config.publicUrl().map(Object::toString)
                .orElseGet(() -> uri.getBaseUri().toString()));
    }

    @ServerExceptionMapper
    public Response map(TokenFailure failure, UriInfo uri) {
        return ProblemResponses.of(problem(failure, baseUrl(config, uri)), uri);
    }
}
