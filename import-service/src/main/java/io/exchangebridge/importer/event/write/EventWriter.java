package io.exchangebridge.importer.event.write;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.importer.calendar.CalendarFailure;
import io.exchangebridge.importer.calendar.CalendarGraphClient;
import io.exchangebridge.importer.calendar.GraphEvent;
import io.exchangebridge.importer.event.EventStore;
import io.exchangebridge.importer.event.EventView;
import io.exchangebridge.importer.graph.GraphClient;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.scope.MailboxScope;
import io.quarkus.logging.Log;

/**
 * Event writes for internal clients: create (idempotent by key), PATCH with the client's change key, cancel, delete.
 * Each goes to Graph on an interactive session with the mailbox account's credential, and after Graph said yes the
 * event store gets the event as Graph answered it, so the change feed shows the write at once. A change key that is no
 * longer current never becomes an overwrite: Graph's 412 is answered with both versions.
 */
@ApplicationScoped
public class EventWriter {

    /** What a create answered: the event, and whether this request made it (false: a retry of an earlier one). */
    public record Written(EventView event, boolean created) {
    }

    /** Printable ASCII without spaces, as Idempotency-Keys (UUIDs, ULIDs, "erp-42-7") are. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final GraphClient graph;
    private final CalendarGraphClient calendars;
    private final CredentialClient tokens;
    private final MailboxService mailboxes;
    private final EventStore store;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final EventWriteCheckpoints checkpoints;

    public EventWriter(GraphClient graph, CalendarGraphClient calendars, CredentialClient tokens,
            MailboxService mailboxes, EventStore store,
            IdempotencyKeys keys, ObjectMapper json, EventWriteCheckpoints checkpoints) {
        this.graph = graph;
        this.calendars = calendars;
        this.tokens = tokens;
        this.mailboxes = mailboxes;
        this.store = store;
        this.keys = keys;
        this.json = json;
        this.checkpoints = checkpoints;
    }

    /** Creates the event of {@code r} in its account's calendar, or answers the one an earlier use of the key made. */
    public Written create(EventWriteRequest r, String idempotencyKey, String principal, MailboxScope scope) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new EventWriteFailure.Invalid("Idempotency-Key", "Header 'Idempotency-Key' is required: 1-100 "
                    + "printable characters without spaces, the same for every retry of one create.");
        }
        var body = GraphEventBody.create(r, idempotencyKey);
        MailboxAccount account = account(r.mailbox(), scope);
        IdempotencyKeys.Claim claim = keys.claim(account.id(), idempotencyKey, fingerprint(r), principal);
        EventWrites writes = writes(account);
        if (claim instanceof IdempotencyKeys.Claim.Done done) {
            Optional<EventView> known = store.findByGraphId(account.id(), done.graphId());
            return new Written(known.orElseGet(() -> fetch(writes, account, done.graphId(), r.clientId())), false);
        }
        try {
            String calendarPath = calendarPath(writes, account);
            GraphEvent event = writes.create(calendarPath, body);
            checkpoints.afterGraphCreate(account.id(), event.id());
            EventView view = store.apply(account.id(), event, r.clientId());
            keys.complete(account.id(), idempotencyKey, event.id());
            return new Written(view, claim instanceof IdempotencyKeys.Claim.Fresh);
        } catch (GraphException e) {
            if (madeNothing(e)) {
                releaseFresh(claim, account, idempotencyKey);
            }
            throw GraphFailures.of(e, account);
        } catch (CalendarFailure.NotFound | CredentialFailure f) {
            releaseFresh(claim, account, idempotencyKey);
            throw f;
        }
    }

    /** Frees a key this request claimed when Graph surely made nothing, so a corrected request may use it. */
    private void releaseFresh(IdempotencyKeys.Claim claim, MailboxAccount account, String key) {
        if (claim instanceof IdempotencyKeys.Claim.Fresh) {
            keys.release(account.id(), key);
        }
    }

    /**
     * PATCHes the members of {@code r} with Graph's {@code If-Match} of {@code changeKey}; a
     * {@link EventWriteFailure.Conflict} (and the store updated to Exchange's version) when the event changed since.
     */
    public EventView update(String id, EventWriteRequest r, String changeKey, MailboxScope scope) {
        var body = GraphEventBody.patch(r);
        EventView known = writable(id, scope);
        MailboxAccount account = calendarAccount(known.mailbox(), scope, id);
        EventWrites writes = writes(account);
        try {
            return store.apply(account.id(), writes.update(known.graphId(), body, changeKey), null);
        } catch (GraphException e) {
            throw afterRefusal(e, writes, account, known, Versions.yours(r, changeKey));
        }
    }

    /** Cancels the meeting (organizer only) with {@code comment} to its attendees. */
    public void cancel(String id, String comment, String changeKey, MailboxScope scope) {
        EventView known = writable(id, scope);
        MailboxAccount account = calendarAccount(known.mailbox(), scope, id);
        EventWrites writes = writes(account);
        try {
            GraphEvent now = writes.get(known.graphId());
            if (!Boolean.TRUE.equals(now.isOrganizer())) {
                throw new EventWriteFailure.NotOrganizer(id);
            }
            writes.cancel(known.graphId(), comment, changeKey);
        } catch (GraphException e) {
            throw afterRefusal(e, writes, account, known, Versions.yours(null, changeKey));
        }
        refresh(writes, account, known.graphId());
    }

    /** Deletes the event in Exchange; one deleted already (here or in Outlook) is no error. */
    public void delete(String id, String changeKey, MailboxScope scope) {
        EventView known = store.find(id, scope).orElseThrow(() -> new EventWriteFailure.EventNotFound(id));
        if (known.deleted()) {
            return;
        }
        MailboxAccount account = calendarAccount(known.mailbox(), scope, id);
        EventWrites writes = writes(account);
        try {
            writes.delete(known.graphId(), changeKey);
        } catch (GraphException e) {
            if (!e.itemNotFound()) {
                throw afterRefusal(e, writes, account, known, Versions.yours(null, changeKey));
            }
        }
        store.markDeleted(account.id(), known.graphId());
    }

    /**
     * The failure of a refused change: a 412 becomes a {@link EventWriteFailure.Conflict} with Exchange's version
     * (which the store takes too), an event gone in Exchange is marked deleted.
     */
    private RuntimeException afterRefusal(GraphException e, EventWrites writes, MailboxAccount account,
            EventView known, EventWriteFailure.Version yours) {
        if (e.status() == 412 || "ErrorIrresolvableConflict".equals(e.code())) {
            try {
                GraphEvent current = writes.get(known.graphId());
                store.apply(account.id(), current, null);
                return new EventWriteFailure.Conflict(known.id(), yours, Versions.current(current, yours));
            } catch (GraphException again) {
                e = again;
            }
        }
        if (e.itemNotFound()) {
            store.markDeleted(account.id(), known.graphId());
        }
        return GraphFailures.of(e, account);
    }

    /**
     * The event as Graph has it after a cancel into the store; marked deleted when Graph no longer has it (a cancel
     * moves the organizer's event away). The cancel is done either way: a failing read leaves the store to the next
     * sync instead of failing a request whose retry would find the event gone.
     */
    private void refresh(EventWrites writes, MailboxAccount account, String graphId) {
        try {
            store.apply(account.id(), writes.get(graphId), null);
        } catch (GraphException e) {
            if (e.itemNotFound()) {
                store.markDeleted(account.id(), graphId);
            } else {
                Log.infof("Event %s of mailbox account %s was cancelled; reading it back failed (%d %s), the next "
                        + "sync stores it", graphId, account.id(), e.status(), e.code());
            }
        }
    }

    private EventView fetch(EventWrites writes, MailboxAccount account, String graphId, String clientId) {
        try {
            return store.apply(account.id(), writes.get(graphId), clientId);
        } catch (GraphException e) {
            if (e.itemNotFound()) {
                return store.markDeleted(account.id(), graphId).orElseThrow(() -> GraphFailures.of(e, account));
            }
            throw GraphFailures.of(e, account);
        }
    }

    private EventView writable(String id, MailboxScope scope) {
        return store.find(id, scope).filter(e -> !e.deleted())
                .orElseThrow(() -> new EventWriteFailure.EventNotFound(id));
    }

    /** The account in scope (else the very NotFound of a missing one), with calendar sync on. */
    private MailboxAccount account(String accountId, MailboxScope scope) {
        mailboxes.get(accountId, scope);
        return calendarAccount(accountId, scope, accountId);
    }

    /** The account of an event (or of a create), with calendar sync on; gone: the event {@code id} is not found. */
    private MailboxAccount calendarAccount(String accountId, MailboxScope scope, String id) {
        MailboxAccount account = mailboxes.account(accountId).filter(a -> scope.covers(a.id()))
                .orElseThrow(() -> new EventWriteFailure.EventNotFound(id));
        if (account.calendar() == null) {
            throw new EventWriteFailure.CalendarSyncOff(account.id());
        }
        return account;
    }

    /**
     * The path of the account's calendar; empty for the primary one (no Graph call needed to find it). A name the
     * mailbox has no calendar of is a {@link CalendarFailure.NotFound} (404 {@code CALENDAR_NOT_FOUND} at the edge).
     */
    private String calendarPath(EventWrites writes, MailboxAccount account) {
        String name = account.calendar().name();
        if (name == null || name.isBlank()) {
            return "";
        }
        return calendars.on(writes.session(), account.mailbox()).resolve(name.trim()).path();
    }

    private EventWrites writes(MailboxAccount account) {
        String credential = account.credentialId();
        return new EventWrites(graph.interactiveSession(account.mailbox(),
                () -> tokens.token(credential, MailboxService.GRAPH),
                rejected -> tokens.replace(credential, MailboxService.GRAPH, rejected)));
    }

    /**
     * Whether Graph's refusal means it made nothing: a 4xx other than a timeout (throttling included, Graph refuses
     * those before doing anything). After a 5xx or a dropped connection the event may exist, so the key stays claimed
     * and its retry sends the same transactionId.
     */
    private static boolean madeNothing(GraphException e) {
        return e.status() >= 400 && e.status() < 500 && e.status() != 408;
    }

    /** SHA-256 of the request as JSON: a retry must send the same event. */
    private String fingerprint(EventWriteRequest r) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(r)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Fingerprinting the request failed", e);
        }
    }
}
