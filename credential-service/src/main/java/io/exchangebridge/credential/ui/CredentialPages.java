package io.exchangebridge.credential.ui;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.consent.ConsentNotice;
import io.exchangebridge.credential.consent.ConsentProblems;
import io.exchangebridge.credential.consent.ConsentService;
import io.exchangebridge.credential.consent.NoUserConsent;
import io.exchangebridge.credential.credential.CredentialFailure;
import io.exchangebridge.credential.credential.CredentialProblems;
import io.exchangebridge.credential.credential.CredentialRequest;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.CredentialView;
import io.exchangebridge.credential.credential.FieldErrors;
import io.exchangebridge.credential.credential.InvalidCredentialException;
import io.exchangebridge.credential.credential.SecretRequest;
import io.exchangebridge.credential.ui.signin.ConsoleSignIn;
import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.foundation.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The admin UI's credential pages: server-rendered, plain forms (no JavaScript), every post protected by
 * {@link CsrfGuard} and answered with a redirect (post/redirect/get) or the form again with the errors of the same
 * validation as the REST API.
 */
@Path("/ui")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class CredentialPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, List<CredentialRow> rows, String notice);

        static native TemplateInstance form(Page page, CredentialForm form, Map<String, String> errors,
                List<FormError> summary, boolean editing, CredentialView stored);

        static native TemplateInstance detail(Page page, CredentialRow row, ConsentNotice.Notice notice,
                String saved, TokenClaims test);

        static native TemplateInstance delete(Page page, CredentialRow row);

        static native TemplateInstance secret(Page page, CredentialRow row, String secretExpiresAt,
                Map<String, String> errors, List<FormError> summary);

        static native TemplateInstance error(Page page, String message);
    }

    private final CredentialService credentials;
    private final CredentialRows rows;
    private final ConsentService consent;
    private final TokenTest tokenTest;
    private final ConsentNotice notices;
    private final CsrfGuard csrf;
    private final SecurityIdentity identity;
    private final CredentialConfig config;
    private final AuditTrail audit;

    /** The notice of another page that created this credential (the Exact form), sealed in {@code saved}. */
    @Inject
    SavedNotice savedNotices;

    public CredentialPages(CredentialService credentials, CredentialRows rows, ConsentService consent,
            TokenTest tokenTest, ConsentNotice notices, CsrfGuard csrf, SecurityIdentity identity,
            CredentialConfig config, AuditTrail audit) {
        this.credentials = credentials;
        this.rows = rows;
        this.consent = consent;
        this.tokenTest = tokenTest;
        this.notices = notices;
        this.csrf = csrf;
        this.identity = identity;
        this.config = config;
        this.audit = audit;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/ui/credentials")).build();
    }

    @GET
    @Path("/credentials")
    public TemplateInstance list(@QueryParam("deleted") String deleted) {
        String notice = deleted == null ? null : "Credential '" + deleted + "' was deleted.";
        return Templates.list(page("Credentials"), rows.all(), notice);
    }

    @GET
    @Path("/credentials/new")
    public TemplateInstance createForm() {
        return Templates.form(page("New credential"), CredentialForm.blank(), Map.of(), List.of(), false,
                null);
    }

    @POST
    @Path("/credentials")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam CredentialForm form) {
        csrf.verify(form.csrf);
        FieldErrors errors = new FieldErrors();
        CredentialRequest request = form.toRequest(errors);
        try {
            errors.throwIfAny();
            credentials.create(request, audit.actor());
        } catch (InvalidCredentialException e) {
            return invalid(form, e.errors(), false, null);
        } catch (CredentialFailure.AlreadyExists e) {
            return invalid(form, FieldErrors.of("id", "is taken: a credential with this id exists"), false, null);
        }
        return Response.seeOther(detailUri(request.id(), "created")).build();
    }

    @GET
    @Path("/credentials/{id}")
    public TemplateInstance detail(@PathParam("id") String id, @QueryParam("consent") String sealed,
            @QueryParam("saved") String saved) {
        CredentialRow row = rows.one(id);
        ConsentNotice.Notice notice = notices.open(id, sealed).orElse(null);
        String savedText = savedText(saved);
        return Templates.detail(page(id), row, notice,
                savedText != null ? savedText : savedNotices.open(id, saved).orElse(null), null);
    }

    @GET
    @Path("/credentials/{id}/edit")
    public TemplateInstance editForm(@PathParam("id") String id) {
        CredentialView stored = credentials.get(id);
        CredentialForm form = CredentialForm.of(stored, config.defaultAuthorityHost().toString());
        return Templates.form(page("Edit " + id), form, Map.of(), List.of(), true, stored);
    }

    @POST
    @Path("/credentials/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, @BeanParam CredentialForm form) {
        csrf.verify(form.csrf);
        form.id = id;
        FieldErrors errors = new FieldErrors();
        CredentialRequest request = form.toRequest(errors);
        try {
            errors.throwIfAny();
            credentials.update(id, request, audit.actor());
        } catch (InvalidCredentialException e) {
            return invalid(form, e.errors(), true, credentials.get(id));
        }
        return Response.seeOther(detailUri(id, "updated")).build();
    }

    @POST
    @Path("/credentials/{id}/connect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response connect(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token, UriInfo uri) {
        csrf.verify(token);
        String url = consent.start(id, uri.getBaseUri().toString(), audit.actor(), true);
        return Response.seeOther(URI.create(url)).header("Referrer-Policy", "no-referrer").build();
    }

    @POST
    @Path("/credentials/{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance test(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token,
            @RestForm String resource, UriInfo uri) {
        csrf.verify(token);
        TokenClaims claims = tokenTest.run(id, resource, user(), uri);
        // Read after the token call: the page shows the status it led to.
        return Templates.detail(page(id), rows.one(id), null, null, claims);
    }

    @GET
    @Path("/credentials/{id}/secret")
    public TemplateInstance secretForm(@PathParam("id") String id) {
        return Templates.secret(page("Replace secret of " + id), rows.one(id), null, Map.of(), List.of());
    }

    /** Replace secret (the Exact guide's "enter the new secret when the old one expires"): everything else is kept. */
    @POST
    @Path("/credentials/{id}/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replaceSecret(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token,
            @RestForm String clientSecret, @RestForm String secretExpiresAt) {
        csrf.verify(token);
        FieldErrors errors = new FieldErrors();
        CredentialForm.storable(errors, "clientSecret", clientSecret, false);
        Instant expires = CredentialForm.date(secretExpiresAt, errors);
        try {
            errors.throwIfAny();
            credentials.replaceSecret(id, new SecretRequest(clientSecret, expires), audit.actor());
        } catch (InvalidCredentialException e) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.secret(page("Replace secret of " + id), rows.one(id), secretExpiresAt,
                            e.errors().asMap(), CredentialFormErrors.summary(e.errors())))
                    .build();
        }
        return Response.seeOther(detailUri(id, "secret")).build();
    }

    @GET
    @Path("/credentials/{id}/delete")
    public TemplateInstance confirmDelete(@PathParam("id") String id) {
        return Templates.delete(page("Delete " + id), rows.one(id));
    }

    @POST
    @Path("/credentials/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token) {
        csrf.verify(token);
        credentials.delete(id, audit.actor());
        return Response.seeOther(URI.create("/ui/credentials?deleted=" + id)).build();
    }

    @ServerExceptionMapper
    public Response csrfRejected(CsrfGuard.CsrfRejectedException e) {
        return errorPage(403, "This form has expired or did not come from this site. Nothing was changed. "
                + "Go back, reload the page and try again.");
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return errorPage(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response credentialFailure(CredentialFailure e) {
        return problem(CredentialProblems.problem(e));
    }

    @ServerExceptionMapper
    public Response noUserConsent(NoUserConsent e) {
        return problem(ConsentProblems.problem(e));
    }

    private Response errorPage(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(page(status == 404 ? "Not found" : "Something went wrong"), message))
                .build();
    }

    private Response invalid(CredentialForm form, FieldErrors errors, boolean editing, CredentialView stored) {
        // Secrets are never sent back to the browser, not even the one just typed in.
        form.clientSecret = null;
        form.privateKeyPem = null;
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.form(page(editing ? "Edit " + form.id : "New credential"), form, errors.asMap(),
                        CredentialFormErrors.summary(errors), editing, stored))
                .build();
    }

    private static String savedText(String saved) {
        if ("created".equals(saved)) {
            return "Credential created.";
        }
        if ("secret".equals(saved)) {
            return "New secret saved. Everything else is unchanged; the next token is fetched with the new secret.";
        }
        return "updated".equals(saved) ? "Changes saved." : null;
    }

    private static URI detailUri(String id, String saved) {
        return URI.create("/ui/credentials/" + UrlPaths.segment(id)
                + "?saved=" + saved);
    }

    private Page page(String title) {
        return new Page(title, "credentials", user(), config.installationName(), csrf.token(),
                ConsoleSignIn.withEntra(identity));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
