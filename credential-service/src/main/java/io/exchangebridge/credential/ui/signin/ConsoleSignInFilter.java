package io.exchangebridge.credential.ui.signin;

import java.util.Optional;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses console pages to HTTP Basic identities while {@code credential.console.basic-sign-in} is off: they get the
 * 403 page saying so. The REST API (everything outside {@code /ui}) is not concerned and keeps accepting Basic.
 */
public class ConsoleSignInFilter {

    private final ConsoleSignIn signIn;
    private final ConsoleForbidden forbidden;

    public ConsoleSignInFilter(ConsoleSignIn signIn, ConsoleForbidden forbidden) {
        this.signIn = signIn;
        this.forbidden = forbidden;
    }

    @ServerRequestFilter
    public Optional<Response> refuseBasicOnTheConsole(UriInfo uri) {
        if (ConsoleForbidden.isConsole(uri) && signIn.basicRefused()) {
            return Optional.of(forbidden.page());
        }
        return Optional.empty();
    }
}
