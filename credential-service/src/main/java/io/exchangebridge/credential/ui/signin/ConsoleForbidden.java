package io.exchangebridge.credential.ui.signin;

import java.util.Set;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;

/**
 * The console's 403 page: who is signed in, how, and what to ask for. A signed-in person without a console role (no
 * {@code Bridge.Admin} or {@code Bridge.Read} app role, no mapped group) lands here, as does a reader on an
 * administrator's page and an HTTP Basic user while Basic sign-in is off. An answer, not a redirect: the page never
 * sends the browser back to the sign-in, so there is no loop. Outside {@code /ui} a refusal stays the REST API's plain
 * 403.
 */
public class ConsoleForbidden {

    /** Why the page is shown. */
    public enum Reason {
        /** HTTP Basic on the console while {@code credential.console.basic-sign-in} is off. */
        BASIC_OFF,
        /** Signed in, but with none of the console's roles. */
        NO_ROLE,
        /** A reader on a page or action for administrators. */
        NOT_ADMIN
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance forbidden(Page page, String reason, boolean entraConfigured, Set<String> roles,
                String adminRole, String readRole);
    }

    private final ConsoleSignIn signIn;
    private final CredentialConfig config;

    public ConsoleForbidden(ConsoleSignIn signIn, CredentialConfig config) {
        this.signIn = signIn;
        this.config = config;
    }

    /** Whether the request is one of the console's: {@code /ui} or below. */
    static boolean isConsole(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        if (!isConsole(uri)) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        return page();
    }

    /** The 403 page for the current identity. */
    public Response page() {
        Reason reason = signIn.basicRefused()
                ? Reason.BASIC_OFF
                : signIn.hasConsoleRole() ? Reason.NOT_ADMIN : Reason.NO_ROLE;
        // No form on this page, so no CSRF token; the section hides the navigation, whose pages would refuse too.
        Page page = new Page("No access to the console", "signin", signIn.user(), config.installationName(), "",
                signIn.withEntra());
        return Console.html(403, Templates.forbidden(page, reason.name(), signIn.entraConfigured(), signIn.roles(),
                ConsoleSignIn.ADMIN_APP_ROLE, ConsoleSignIn.READ_APP_ROLE));
    }
}
