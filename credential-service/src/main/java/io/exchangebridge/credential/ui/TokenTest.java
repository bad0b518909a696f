package io.exchangebridge.credential.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.token.TokenFailure;
import io.exchangebridge.credential.token.TokenProblems;
import io.exchangebridge.credential.token.TokenResponse;
import io.exchangebridge.credential.token.TokenService;
import io.exchangebridge.foundation.problem.ProblemException;

/**
 * The credential page's Test: fetches a token for one of the credential's resources and shows its non-secret claims, or
 * why there is none in the words of the REST API.
 */
@ApplicationScoped
public class TokenTest {

    private final CredentialService credentials;
    private final TokenService tokens;
    private final CredentialConfig config;
    private final ObjectMapper json;

    public TokenTest(CredentialService credentials, TokenService tokens, CredentialConfig config, ObjectMapper json) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.config = config;
        this.json = json;
    }

    /**
     * @param resource
     *            the resource to test; blank: the credential's (first) resource, as the toolbar's Test asks
     * @param user
     *            the administrator the token is fetched for
     */
    TokenClaims run(String id, String resource, String user, UriInfo uri) {
        if (resource == null || resource.isBlank()) {
            resource = credentials.get(id).scopes().keySet().stream().findFirst().orElse(null);
        }
        try {
            TokenResponse t = tokens.token(id, resource, user);
            return TokenClaims.of(resource, t.accessToken(), t.expiresAt(), json);
        } catch (TokenFailure e) {
            // The same words as the REST API's problem answer.
            ProblemException problem = TokenProblems.problem(e, TokenProblems.baseUrl(config, uri));
            Object code = problem.extensions().get("code");
            return TokenClaims.failed(resource, problem.getMessage() + (code == null ? "" : " (" + code + ")"));
        }
    }
}
