package io.exchangebridge.smtp.submit;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.outbox.EnqueueResult;
import io.exchangebridge.smtp.outbox.MessagePage;
import io.exchangebridge.smtp.outbox.MessageQuery;
import io.exchangebridge.smtp.outbox.MessageStatus;
import io.exchangebridge.smtp.outbox.OutboxListing;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.outbox.StoredMessage;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * REST intake: JSON or raw MIME in, 202 with an id once the message is durably stored; status by id; the outbox listed
 * and searched.
 */
@Path("/api/messages")
@RolesAllowed("sender")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MimeComposer composer;
    private final SubmissionService submissions;
    private final OutboxStore outbox;
    private final OutboxListing listing;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final ApiSenders senders;

    public MessageResource(MimeComposer composer, SubmissionService submissions, OutboxStore outbox,
            OutboxListing listing, SecurityIdentity identity, ObjectMapper json, ApiSenders senders) {
        this.composer = composer;
        this.submissions = submissions;
        this.outbox = outbox;
        this.listing = listing;
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

    /**
     * The outbox, newest first, without bodies: an admin sees every message, a sender only those it submitted. Text
     * filters match case-insensitively anywhere in the value; {@code status} takes one status or several separated by
     * commas; {@code from}/{@code to} bound {@code createdAt} (ISO-8601 instants, {@code to} exclusive).
     */
    @GET
    @RolesAllowed({"sender", "admin"})
    public MessagePage list(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
            @QueryParam("subject") String subject, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("idempotencyKey") String idempotencyKey, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        String submittedBy = identity.hasRole("admin") ? null : identity.getPrincipal().getName();
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        return listing.list(new MessageQuery(submittedBy, text(sender), text(recipient), text(subject),
                statuses(status), fromInstant, toInstant, text(idempotencyKey), cursor(cursor), limit(limit)));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant instant(String name, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Parameter '" + name
                    + "' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z.");
        }
    }

    private static Set<MessageStatus> statuses(String value) {
        if (text(value) == null) {
            return Set.of();
        }
        Set<MessageStatus> statuses = EnumSet.noneOf(MessageStatus.class);
        for (String part : value.split(",", -1)) {
            try {
                statuses.add(MessageStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Parameter 'status' must be one or more (comma-separated) of "
                        + Arrays.toString(MessageStatus.values()) + ".");
            }
        }
        return statuses;
    }

    private static MessageQuery.Cursor cursor(String value) {
        if (text(value) == null) {
            return null;
        }
        return MessageQuery.Cursor.decode(value.trim()).orElseThrow(
                () -> ProblemException.badRequest("Parameter 'cursor' is not one this service gave out."));
    }

    private static int limit(String value) {
        if (text(value) == null) {
            return MessageQuery.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MessageQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("Parameter 'limit' must be a whole number from 1 to " + MessageQuery.MAX_LIMIT
                + ".");
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
