package io.exchangebridge.credential.ui.exact;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.exchangebridge.credential.credential.CredentialFailure;
import io.exchangebridge.credential.credential.CredentialRequest;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.InvalidCredentialException;
import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.FormError;
import io.exchangebridge.credential.ui.FormProblems;
import io.exchangebridge.credential.ui.Page;
import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;
import io.exchangebridge.credential.ui.SavedNotice;
import io.exchangebridge.credential.ui.route.Route;
import io.exchangebridge.foundation.http.UrlPaths;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * "Send mail as an application", the Exact guide in one form: creates the client credentials credential (Graph,
 * {@code .default}) through this service's {@link CredentialService} and the GRAPH sender route through the
 * smtp-service. When the route cannot be created the credential is removed again, so nothing half-made stays.
 */
@Path("/ui/send-as-application")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class SendAsApplicationPage {

    private static final Logger LOG = Logger.getLogger(SendAsApplicationPage.class);

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance form(Page page, SendAsApplicationForm form,
                FormProblems problems, boolean smtpConnected);
    }

    private final CredentialService credentials;
    private final PeerClient peers;
    private final Console console;
    private final SavedNotice notices;

    public SendAsApplicationPage(CredentialService credentials, PeerClient peers, Console console,
            SavedNotice notices) {
        this.credentials = credentials;
        this.peers = peers;
        this.console = console;
        this.notices = notices;
    }

    @GET
    public TemplateInstance form() {
        return page(new SendAsApplicationForm(), FormProblems.none());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam SendAsApplicationForm form) {
        console.verify(form.csrf);
        Map<String, String> own = form.check();
        if (!own.isEmpty()) {
            return invalid(form, FormProblems.of(own, SendAsApplicationForm.LABELS));
        }
        CredentialRequest request = form.toRequest();
        try {
            credentials.create(request, console.user());
        } catch (InvalidCredentialException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().asMap().forEach((field, message) -> {
                String[] label = SendAsApplicationForm.LABELS.get(field);
                errors.put(field, (label == null ? field : label[1]) + " " + message + ".");
            });
            return invalid(form, FormProblems.of(errors, SendAsApplicationForm.LABELS));
        } catch (CredentialFailure.AlreadyExists e) {
            return invalid(form, FormProblems.of(Map.of("sender", "A credential '" + request.id()
                    + "' exists already for this sender: see Credentials and Sender routes, or use Replace secret "
                    + "on it."), SendAsApplicationForm.LABELS));
        }
        String sender = form.sender.trim();
        PeerResult<Route> route = peers.post(Peer.SMTP, "/api/routes",
                new Route.Request(sender, request.id(), sender, "GRAPH"), Route.class);
        if (!route.ok()) {
            credentials.delete(request.id(), console.user());
            LOG.infof("Removed credential %s again: its sender route could not be created", request.id());
            FormProblems problems = FormProblems.of(route.failure(), SendAsApplicationForm.LABELS);
            List<FormError> summary = new ArrayList<>(problems.summary());
            summary.add(new FormError(null, null, "The sender route could not be created, so the credential '"
                    + request.id() + "' was removed again. Nothing was saved."));
            return invalid(form, new FormProblems(problems.errors(), summary));
        }
        String notice = notices.seal(request.id(), "Credential created, and the sender route for " + sender
                + ": mail from " + sender + " is sent over Microsoft Graph as " + sender + ".");
        return Response.seeOther(URI.create("/ui/credentials/" + UrlPaths.segment(request.id()) + "?saved="
                + UrlPaths.segment(notice))).build();
    }

    private Response invalid(SendAsApplicationForm form, FormProblems problems) {
        // The secret is write-only: not sent back, not even the one just typed.
        form.clientSecret = null;
        return Console.html(400, page(form, problems));
    }

    private TemplateInstance page(SendAsApplicationForm form, FormProblems problems) {
        return Templates.form(console.page("Send mail as an application", "credentials"), form, problems,
                peers.configured(Peer.SMTP));
    }
}
