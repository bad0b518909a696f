package io.exchangebridge.importer.rest;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.problem.ProblemResponses;
import io.exchangebridge.importer.calendar.CalendarFailure;
import io.exchangebridge.importer.event.write.EventWriteFailure;
import io.exchangebridge.importer.folder.FolderFailure;
import io.exchangebridge.importer.mailbox.MailboxFailure;

/**
 * The REST edge of import-service's typed failures: the one place where a feature's failure becomes an HTTP status and
 * a problem+json answer (through the foundation's {@link ProblemResponses}, so it has the same shape as every other
 * problem). Domain packages throw their sealed failure types and never name a status.
 */
public class FailureProblemMapper {

    /** Retry-After of a 503 when neither Graph nor the credential-service named one. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    @ServerExceptionMapper
    public Response mailbox(MailboxFailure failure, UriInfo uri) {
        ProblemException problem = switch (failure) {
            case MailboxFailure.NotFound f -> ProblemException.notFound(f.getMessage());
            case MailboxFailure.AlreadyExists f -> ProblemException.conflict(f.getMessage());
            case MailboxFailure.FolderTaken f -> ProblemException.conflict(f.getMessage());
            case MailboxFailure.Invalid f -> ProblemException.badRequest(f.getMessage()).with("field", f.field());
        };
        return ProblemResponses.of(problem, uri);
    }

    /**
     * A credential a request needed gave no token (listing a mailbox's folders): not ready 409 with the broker's
     * {@code credentialStatus}, {@code code}, {@code consentUrl}; unknown or refused 409 (the stored account names it;
     * one named in the request is a {@link MailboxFailure.Invalid}); unavailable 503 with {@code Retry-After}.
     */
    @ServerExceptionMapper
    public Response credential(CredentialFailure failure, UriInfo uri) {
        ProblemException problem = switch (failure) {
            case CredentialFailure.NotReady f -> ProblemException.conflict(f.getMessage())
                    .with("credentialStatus", f.status().orElse("NOT_READY")).with("code", f.code().orElse(null))
                    .with("consentUrl", f.consentUrl().orElse(null));
            case CredentialFailure.UnknownCredential f -> ProblemException.conflict(f.getMessage());
            case CredentialFailure.AccessDenied f -> ProblemException.conflict(f.getMessage());
            case CredentialFailure.Unavailable f -> unavailable(f.getMessage(), f.retryAfter());
        };
        return ProblemResponses.of(problem, uri);
    }

    /**
     * Folder listing refused by Graph: no such mailbox 404, access denied / not enabled for REST / token rejected 409,
     * other errors 502, throttling or outage 503 with {@code Retry-After}.
     */
    @ServerExceptionMapper
    public Response folder(FolderFailure failure, UriInfo uri) {
        ProblemException problem = switch (failure) {
            case FolderFailure.Unavailable f -> unavailable(f.getMessage(), f.retryAfter());
            case FolderFailure.GraphRefused f -> graphRefused(f);
        };
        return ProblemResponses.of(problem, uri);
    }

    /**
     * Event writes: wrong request 400 with {@code field}; unknown event or calendar 404; calendar sync off, not the
     * organizer, access denied, mailbox not enabled for REST 409; reused Idempotency-Key 422; a change in Exchange
     * since the client's change key 412 with {@code yours} and {@code current}; throttling 503 with
     * {@code Retry-After}; each with its {@code errorCode}.
     */
    @ServerExceptionMapper
    public Response eventWrite(EventWriteFailure failure, UriInfo uri) {
        ProblemException problem = switch (failure) {
            case EventWriteFailure.Invalid f -> ProblemException.badRequest(f.getMessage()).with("field", f.field())
                    .with("errorCode", "INVALID_REQUEST");
            case EventWriteFailure.EventNotFound f -> ProblemException.notFound(f.getMessage()).with("errorCode",
                    "EVENT_NOT_FOUND");
            case EventWriteFailure.CalendarSyncOff f -> ProblemException.conflict(f.getMessage()).with("errorCode",
                    "CALENDAR_SYNC_OFF");
            case EventWriteFailure.NotOrganizer f -> ProblemException.conflict(f.getMessage()).with("errorCode",
                    "NOT_ORGANIZER");
            case EventWriteFailure.KeyReused f -> new ProblemException(422, "Unprocessable Content", f.getMessage())
                    .with("errorCode", "IDEMPOTENCY_KEY_REUSED");
            case EventWriteFailure.Conflict f -> new ProblemException(412, "Precondition Failed", f.getMessage())
                    .with("errorCode", "CHANGED_IN_EXCHANGE").with("yours", f.yours()).with("current", f.current());
            case EventWriteFailure.Unavailable f -> unavailable(f.getMessage(), f.retryAfter()).with("errorCode",
                    "GRAPH_UNAVAILABLE");
            case EventWriteFailure.GraphRefused f -> eventGraphRefused(f);
        };
        return ProblemResponses.of(problem, uri);
    }

    /** The account's calendar is not in its mailbox (an event write): 404 {@code CALENDAR_NOT_FOUND}. */
    @ServerExceptionMapper
    public Response calendar(CalendarFailure failure, UriInfo uri) {
        ProblemException problem = switch (failure) {
            case CalendarFailure.NotFound f -> ProblemException.notFound(f.getMessage())
                    .with("errorCode", "CALENDAR_NOT_FOUND").with("calendar", f.calendar());
        };
        return ProblemResponses.of(problem, uri);
    }

    private static ProblemException eventGraphRefused(EventWriteFailure.GraphRefused f) {
        ProblemException problem = switch (f.kind()) {
            case MAILBOX_NOT_FOUND, EVENT_GONE -> ProblemException.notFound(f.getMessage());
            case ACCESS_DENIED, MAILBOX_NOT_ENABLED_FOR_REST, UNAUTHORIZED -> ProblemException.conflict(f.getMessage());
            case GRAPH_REJECTED -> ProblemException.badRequest(f.getMessage());
            case GRAPH_ERROR -> new ProblemException(502, "Bad Gateway", f.getMessage());
        };
        return problem.with("errorCode", f.kind().name()).with("graphCode",
                f.graphCode().isEmpty() ? null : f.graphCode());
    }

    private static ProblemException unavailable(String detail, Optional<Duration> retryAfter) {
        return new ProblemException(503, "Service Unavailable", detail).header("Retry-After",
                Long.toString(seconds(retryAfter.orElse(DEFAULT_RETRY_AFTER))));
    }

    private static ProblemException graphRefused(FolderFailure.GraphRefused f) {
        ProblemException problem = switch (f.kind()) {
            case MAILBOX_NOT_FOUND -> ProblemException.notFound(f.getMessage());
            case ACCESS_DENIED, MAILBOX_NOT_ENABLED_FOR_REST, UNAUTHORIZED -> ProblemException.conflict(f.getMessage());
            case GRAPH_ERROR -> new ProblemException(502, "Bad Gateway", f.getMessage());
        };
        return problem.with("errorCode", f.kind().name()).with("graphCode",
                f.graphCode().isEmpty() ? null : f.graphCode());
    }

    /** Whole seconds, rounded up: a client that waits them is never early. */
    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
