package io.exchangebridge.credential.ui.route;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.CsrfGuard;
import io.exchangebridge.credential.ui.FormProblems;
import io.exchangebridge.credential.ui.Page;
import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;
import io.exchangebridge.foundation.http.UrlPaths;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The smtp-service's sender routes in the console: list, create, edit, delete after a confirmation, send a test. */
@Path("/ui/routes")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class RoutePages {

    /**
     * The outcome of a test send.
     *
     * @param queued
     *            the queued message, or null
     * @param error
     *            why none was queued, or null
     */
    public record TestResult(String to, Route.TestQueued queued, String error) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, Console.PeerStatus peer, List<Route> routes, String notice);

        static native TemplateInstance form(Page page, RouteForm form, String id, FormProblems problems,
                List<Console.CredentialChoice> credentials);

        static native TemplateInstance detail(Page page, Route route, Console.CredentialChoice credential,
                String notice, TestResult test);

        static native TemplateInstance delete(Page page, Route route);
    }

    private final PeerClient peers;
    private final Console console;

    public RoutePages(PeerClient peers, Console console) {
        this.peers = peers;
        this.console = console;
    }

    @GET
    public TemplateInstance list(@QueryParam("deleted") String deleted) {
        PeerResult<List<Route>> routes = peers.get(Peer.SMTP, "/api/routes", new TypeReference<List<Route>>() {
        });
        return Templates.list(page("Sender routes"), console.status(Peer.SMTP, routes),
                routes.ok() ? routes.value() : List.of(),
                deleted == null ? null : "The route for " + deleted + " was deleted.");
    }

    @GET
    @Path("/new")
    public TemplateInstance createForm() {
        return form(RouteForm.blank(), null, FormProblems.none());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam RouteForm form) {
        console.verify(form.csrf);
        return saved(peers.post(Peer.SMTP, "/api/routes", form.toRequest(), Route.class), form, null, "created");
    }

    @GET
    @Path("/{id}")
    public TemplateInstance detail(@PathParam("id") String id, @QueryParam("saved") String saved) {
        String notice = "created".equals(saved)
                ? "Sender route created."
                : "updated".equals(saved) ? "Changes saved." : null;
        return detail(route(id), notice, null);
    }

    @GET
    @Path("/{id}/edit")
    public TemplateInstance editForm(@PathParam("id") String id) {
        return form(RouteForm.of(route(id)), id, FormProblems.none());
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, @BeanParam RouteForm form) {
        console.verify(form.csrf);
        return saved(peers.put(Peer.SMTP, path(id), form.toRequest(), Route.class), form, id, "updated");
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token, @RestForm String to) {
        console.verify(token);
        Route route = route(id);
        PeerResult<Route.TestQueued> queued = peers.post(Peer.SMTP, path(id) + "/test",
                new Route.TestRequest(to == null ? null : to.trim()), Route.TestQueued.class);
        TestResult result = new TestResult(to, queued.value(), queued.error());
        return Console.html(queued.ok() ? 200 : 400, detail(route, null, result));
    }

    @GET
    @Path("/{id}/delete")
    public TemplateInstance confirmDelete(@PathParam("id") String id) {
        return Templates.delete(page("Delete route"), route(id));
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token) {
        console.verify(token);
        Route route = route(id);
        peers.delete(Peer.SMTP, path(id)).orThrow();
        return Response.seeOther(URI.create("/ui/routes?deleted=" + UrlPaths.segment(route.sender()))).build();
    }

    private Response saved(PeerResult<Route> saved, RouteForm form, String id, String what) {
        if (saved.ok()) {
            return Response.seeOther(
                    URI.create("/ui/routes/" + UrlPaths.segment(saved.value().id()) + "?saved=" + what)).build();
        }
        return Console.html(400, form(form, id, FormProblems.of(saved.failure(), RouteForm.LABELS)));
    }

    private TemplateInstance form(RouteForm form, String id, FormProblems problems) {
        return Templates.form(page(id == null ? "New sender route" : "Edit route " + form.sender), form, id,
                problems, console.credentials(form.credentialId));
    }

    private TemplateInstance detail(Route route, String notice, TestResult test) {
        return Templates.detail(page(route.sender()), route, console.credential(route.credentialId()), notice, test);
    }

    private Route route(String id) {
        return peers.get(Peer.SMTP, path(id), Route.class).orThrow();
    }

    private static String path(String id) {
        return "/api/routes/" + UrlPaths.segment(id);
    }

    private Page page(String title) {
        return console.page(title, "routes");
    }
}
