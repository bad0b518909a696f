package io.exchangebridge.smtp.submit;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.smtp.outbox.EnqueueResult;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.outbox.StoredMessage;
import io.exchangebridge.smtp.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/** REST intake: JSON or raw MIME in, 202 with an id once the message is durably stored; status by id. */
@Path("/api/messages")
@RolesAllowed("sender")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MimeComposer composer;
    private final SubmissionService submissions;
    private final OutboxStore outbox;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final ApiSenders senders;

    public MessageResource(MimeComposer composer, SubmissionService submissions, OutboxStore outbox,
            SecurityIdentity identity, ObjectMapper json, ApiSenders senders) {
        this.composer = composer;
        this.submissions = submissions;
        this.outbox = outbox;
        this.identity = identity;
        this.json = json;
        this.senders = senders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<SubmitResponse> submitJson(@HeaderParam("Idempotency-Key") String idempotencyKey,
            SubmitRequest request)
            throws JsonProcessingException {
        if (request == null) {
            throw ProblemException.badRequest("The request body is missing.");
        }
        PreparedMessage prepared = composer.compose(request);
        String user = identity.getPrincipal().getName();
        senders.check(user, prepared.mailFrom());
        // the request's bytes only identify it for an idempotency key
        byte[] requestBytes = idempotencyKey == null ? null : json.writeValueAsBytes(request);
        return accepted(submissions.submit(user, idempotencyKey, requestBytes, prepared));
    }

    @POST
    @Consumes("message/rfc822")
    public RestResponse<SubmitResponse> submitRaw(@HeaderParam("Idempotency-Key") String idempotencyKey, byte[] raw) {
        PreparedMessage prepared = composer.prepareRaw(raw);
        String user = identity.getPrincipal().getName();
        senders.check(user, prepared.mailFrom());
        return accepted(submissions.submit(user, idempotencyKey, raw, prepared));
    }

    /** The submitter sees its own messages, an admin every message; others get 404 as if it did not exist. */
    @GET
    @Path("/{id}")
    @RolesAllowed({"sender", "admin"})
    public StoredMessage status(@PathParam("id") UUID id) {
        return outbox.find(id)
                .filter(m -> identity.hasRole("admin")
                        || identity.getPrincipal().getName().equals(m.submittedBy()))
                .orElseThrow(() -> ProblemException.notFound("No message " + id + "."));
    }

    /** Typed, so the JSON writer is chosen at build time rather than looked up per response. */
    private RestResponse<SubmitResponse> accepted(EnqueueResult result) {
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED,
                        new SubmitResponse(result.id(), result.messageId(), result.status().name()))
                .location(java.net.URI.create("/api/messages/" + result.id())).build();
    }
}
