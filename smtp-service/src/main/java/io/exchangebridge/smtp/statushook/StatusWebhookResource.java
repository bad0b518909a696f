package io.exchangebridge.smtp.statushook;

import java.net.URI;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.exchangebridge.foundation.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller's status webhook ({@code /api/status-webhook}), and any user's for admins
 * ({@code /api/status-webhooks/{user}}). The secret is write-only: answers say only that one is set.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatusWebhookResource {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;

    private final StatusWebhookStore store;
    private final SecurityIdentity identity;

    public StatusWebhookResource(StatusWebhookStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @PUT
    @Path("/status-webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"sender", "admin"})
    public StatusWebhookView setOwn(StatusWebhookRequest request) {
        return set(caller(), request);
    }

    @GET
    @Path("/status-webhook")
    @RolesAllowed({"sender", "admin"})
    public StatusWebhookView getOwn() {
        return get(caller());
    }

    @DELETE
    @Path("/status-webhook")
    @RolesAllowed({"sender", "admin"})
    public RestResponse<Void> deleteOwn() {
        return delete(caller());
    }

    @PUT
    @Path("/status-webhooks/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public StatusWebhookView setFor(@PathParam("user") String user, StatusWebhookRequest request) {
        return set(user, request);
    }

    @GET
    @Path("/status-webhooks/{user}")
    @RolesAllowed("admin")
    public StatusWebhookView getFor(@PathParam("user") String user) {
        return get(user);
    }

    @DELETE
    @Path("/status-webhooks/{user}")
    @RolesAllowed("admin")
    public RestResponse<Void> deleteFor(@PathParam("user") String user) {
        return delete(user);
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }

    private StatusWebhookView set(String user, StatusWebhookRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is missing.");
        }
        String url = checkedUrl(request.url());
        String secret = request.secret();
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET || secret.isBlank()) {
            throw ProblemException.badRequest("Field 'secret' must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " characters.");
        }
        return switch (store.set(user, url, secret)) {
            case SetResult.Stored stored -> stored.webhook();
            case SetResult.EncryptionNotConfigured none -> throw ProblemException.conflict("Status webhooks are not"
                    + " available: the administrator has to configure relay.status-webhook.encryption.active-key"
                    + " and its key.");
        };
    }

    private StatusWebhookView get(String user) {
        return store.find(user).orElseThrow(() -> ProblemException.notFound("No status webhook for " + user + "."));
    }

    private RestResponse<Void> delete(String user) {
        if (!store.delete(user)) {
            throw ProblemException.notFound("No status webhook for " + user + ".");
        }
        return RestResponse.noContent();
    }

    private static String checkedUrl(String value) {
        String problem = "Field 'url' must be an absolute http or https URL.";
        if (value == null || value.isBlank() || value.length() > 2000) {
            throw ProblemException.badRequest(problem);
        }
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw ProblemException.badRequest(problem);
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(problem);
        }
    }
}
