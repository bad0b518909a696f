package io.exchangebridge.smtp.lifecycle;

import java.io.IOException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.outbox.StoredMessage;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Cancel and resend of one message: a sender on its own messages (another's answers 404, as its status does), an admin
 * on every message. Both answer the message as it is now.
 */
@Path("/api/messages/{id}")
@RolesAllowed({"sender", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleResource {

    private final MessageLifecycle lifecycle;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public LifecycleResource(MessageLifecycle lifecycle, SecurityIdentity identity, ObjectMapper json) {
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Path("/cancel")
    public StoredMessage cancel(@PathParam("id") UUID id) {
        return answer(id, lifecycle.cancel(id, submitter()));
    }

    /** The body is optional: none (or {@code {}}) resends with the same Message-ID. */
    @POST
    @Path("/resend")
    public StoredMessage resend(@PathParam("id") UUID id, byte[] body) {
        ResendRequest request = null;
        if (body != null && body.length > 0) {
            try {
                request = json.readValue(body, ResendRequest.class);
            } catch (IOException e) {
                throw ProblemException.badRequest("The body must be JSON such as {\"newMessageId\": true}.");
            }
        }
        boolean newMessageId = request != null && Boolean.TRUE.equals(request.newMessageId());
        return answer(id, lifecycle.resend(id, submitter(), newMessageId));
    }

    /** The caller when it may act only on its own messages; null for an admin. */
    private String submitter() {
        return identity.hasRole("admin") ? null : identity.getPrincipal().getName();
    }

    private static StoredMessage answer(UUID id, LifecycleResult result) {
        return switch (result) {
            case LifecycleResult.Changed changed -> changed.message();
            case LifecycleResult.NotFound notFound -> throw ProblemException.notFound("No message " + id + ".");
            case LifecycleResult.Refused refused -> throw ProblemException.conflict(refused.reason());
        };
    }
}
