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
import jakarta.ws.rs.core.Response;

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

    public MessageResource(MimeComposer composer, SubmissionService submissions, OutboxStore outbox,
            SecurityIdentity identity, ObjectMapper json) {
        this.composer = composer;
        this.submissions = submissions;
        this.outbox = outbox;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitJson(@HeaderParam("Idempotency-Key") String idempotencyKey, SubmitRequest request)
            throws JsonProcessingException {
        if (request == null) {
            throw ProblemException.badRequest("The request body is missing.");
        }
        PreparedMessage prepared = composer.compose(request);
        return accepted(submissions.submit(identity.getPrincipal().getName(), idempotencyKey,
                json.writeValueAsBytes(request), prepared), prepared);
    }

    @POST
    @Consumes("message/rfc822")
    public Response submitRaw(@HeaderParam("Idempotency-Key") String idempotencyKey, byte[] raw) {
        PreparedMessage prepared = composer.prepareRaw(raw);
        return accepted(submissions.submit(identity.getPrincipal().getName(), idempotencyKey, raw, prepared),
                prepared);
    }

    @GET
    @Path("/{id}")
    public StoredMessage status(@PathParam("id") UUID id) {
        return outbox.find(id).orElseThrow(() -> ProblemException.notFound("No message " + id + "."));
    }

    private Response accepted(EnqueueResult result, PreparedMessage prepared) {
        StoredMessage stored = outbox.find(result.id()).orElseThrow();
        return Response.accepted(new SubmitResponse(result.id(), stored.messageId(), stored.status().name()))
                .location(java.net.URI.create("/api/messages/" + result.id())).build();
    }
}
