package io.exchangebridge.credential.ui;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console pages' error pages: a refused CSRF token (403, nothing changed) and a peer service that could not answer
 * what a page needs. {@link CredentialPages} maps its own.
 */
public class ConsoleErrors {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance error(Page page, String message);
    }

    private final Console console;

    public ConsoleErrors(Console console) {
        this.console = console;
    }

    @ServerExceptionMapper
    public Response csrfRejected(CsrfGuard.CsrfRejectedException e) {
        return page(403, "This form has expired or did not come from this site. Nothing was changed. "
                + "Go back, reload the page and try again.");
    }

    @ServerExceptionMapper
    public Response peerFailure(PeerFailure.Raised e) {
        return page(e.failure().status(), e.failure().message());
    }

    /** An error page with {@code status}. */
    public Response page(int status, String message) {
        return Console.html(status, Templates.error(
                console.page(status == 404 ? "Not found" : "Something went wrong", ""), message));
    }
}
