package io.exchangebridge.smtp.submit;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.Callable;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.outbox.EnqueueResult;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.outbox.StoredMessage;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

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

    /*
     * The two submit methods are @NonBlocking so that Quarkus REST reads the body on the event loop into a buffer
     * (a blocking method reads it on the worker through a stream fed by the event loop, handing over every chunk under
     * a lock); the MIME work and the database then run on a worker thread, and the 202 still follows the commit.
     */

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Uni<RestResponse<SubmitResponse>> submitJson(@HeaderParam("Idempotency-Key") String idempotencyKey,
            SubmitRequest request) {
        String user = identity.getPrincipal().getName();
        return onWorker(() -> {
            if (request == null) {
                throw ProblemException.badRequest("The request body is missing.");
            }
            PreparedMessage prepared = composer.compose(request);
            senders.check(user, prepared.mailFrom());
            // the request's bytes only identify it for an idempotency key
            byte[] requestBytes = idempotencyKey == null ? null : json.writeValueAsBytes(request);
            return submissions.submit(user, idempotencyKey, requestBytes, prepared);
        });
    }

    @POST
    @Consumes("message/rfc822")
    @NonBlocking
    public Uni<RestResponse<SubmitResponse>> submitRaw(@HeaderParam("Idempotency-Key") String idempotencyKey,
            byte[] raw) {
        String user = identity.getPrincipal().getName();
        return onWorker(() -> {
            PreparedMessage prepared = composer.prepareRaw(raw);
            senders.check(user, prepared.mailFrom());
            return submissions.submit(user, idempotencyKey, raw, prepared);
        });
    }

    /** Runs a submission on a worker thread (it blocks on PostgreSQL) and answers 202 once it is stored. */
    private static Uni<RestResponse<SubmitResponse>> onWorker(Callable<EnqueueResult> submission) {
        return Uni.createFrom().item(() -> {
            try {
                return accepted(submission.call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
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
    private static RestResponse<SubmitResponse> accepted(EnqueueResult result) {
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED,
                        new SubmitResponse(result.id(), result.messageId(), result.status().name()))
                .location(URI.create("/api/messages/" + result.id())).build();
    }
}
