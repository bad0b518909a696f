package io.exchangebridge.importer.calendar;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphPage;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.quarkus.logging.Log;

/**
 * Syncs an account's calendar with calendarView/delta over its {@link SyncWindow}. With a stored deltaLink for today's
 * window it asks for the changes since; otherwise (first sync, a moved window, changed settings, or a stale token, 410)
 * it runs a full round and then {@link EventSink#reconcile reconciles}: stored events the round did not return are
 * deleted inside the window and left out-of-window outside it. Each change is committed as it comes (the sink is
 * idempotent); the deltaLink and window are saved only once the round is complete, so a crash repeats the round and
 * re-applies what was applied already, as no change.
 */
@ApplicationScoped
public class CalendarSync {

    /** What a sync did: the changes (also reported one by one as they commit) and whether it was a full round. */
    public record Synced(int changed, boolean fullRound) {
    }

    private final EventSink sink;
    private final MailboxService mailboxes;
    private final SyncCheckpoints checkpoints;
    private final Clock clock;

    public CalendarSync(EventSink sink, MailboxService mailboxes, SyncCheckpoints checkpoints, Clock clock) {
        this.sink = sink;
        this.mailboxes = mailboxes;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * Syncs {@code account}'s calendar (which must be set); throws {@link CalendarFailure} and {@link GraphException}.
     */
    public Synced sync(MailboxAccount account, CalendarGraph graph, IntConsumer onChanges) {
        MailboxAccount.Calendar settings = account.calendar();
        SyncWindow window = SyncWindow.of(clock, settings.daysBack(), settings.daysAhead());
        ResolvedCalendar calendar = graph.resolve(settings.name());
        Optional<URI> next = settings.deltaLink() != null && window.is(settings.windowStart(), settings.windowEnd())
                ? Optional.of(graph.link(settings.deltaLink()))
                : Optional.empty();
        boolean full = next.isEmpty();
        long roundStart = sink.position();
        Set<String> seen = new HashSet<>();
        int changed = 0;
        GraphPage<GraphEvent> page;
        while (true) {
            try {
                page = next.isPresent() ? graph.delta(next.get()) : graph.delta(calendar, window.start(), window.end());
            } catch (GraphException e) {
                if (!e.staleDeltaToken() || full) {
                    throw e;
                }
                Log.infof("Calendar delta token of mailbox account %s is stale; starting a full round", account.id());
                full = true;
                next = Optional.empty();
                roundStart = sink.position();
                seen.clear();
                continue;
            }
            changed += apply(new Round(account.id(), graph, window, seen, onChanges), page);
            next = page.nextLink();
            if (next.isEmpty()) {
                break;
            }
        }
        if (full) {
            int deleted = sink.reconcile(account.id(), seen, window.start(), window.end(), roundStart);
            onChanges.accept(deleted);
            changed += deleted;
        }
        String deltaLink = page.deltaLink().orElse(null);
        if (deltaLink != null) {
            graph.link(deltaLink);
        }
        mailboxes.saveCalendarState(account.id(), deltaLink, window.start(), window.end(), clock.instant());
        return new Synced(changed, full);
    }

    /** What applying a page works with. */
    private record Round(String mailboxId, CalendarGraph graph, SyncWindow window, Set<String> seen,
            IntConsumer onChanges) {
    }

    /** Applies a page change by change, each reported to {@code onChanges} once committed; the number of changes. */
    private int apply(Round round, GraphPage<GraphEvent> page) {
        String mailboxId = round.mailboxId();
        Set<String> seen = round.seen();
        IntConsumer onChanges = round.onChanges();
        int changed = 0;
        for (GraphEvent e : page.items()) {
            // calendarView has no series masters; were one to come, its occurrences carry what it says.
            if ("seriesMaster".equals(e.type())) {
                continue;
            }
            seen.add(e.id());
            if (sink.synced(mailboxId, e)) {
                changed++;
                onChanges.accept(1);
            }
            checkpoints.afterChange(mailboxId, e.id());
        }
        for (String id : page.removed()) {
            seen.remove(id);
            if (removal(round, id)) {
                changed++;
                onChanges.accept(1);
            }
            checkpoints.afterChange(mailboxId, id);
        }
        return changed;
    }

    /**
     * Graph reports an event {@code @removed} both when it was deleted and when it moved out of the window. A single
     * event or an exception (the kinds that can move) is looked up: gone, it is deleted; still there, its new state is
     * stored (an update, not a deletion) and, outside the window, left out-of-window. A plain occurrence cannot move
     * without becoming an exception, so its removal is a deletion (a deleted series costs no lookups).
     */
    private boolean removal(Round round, String id) {
        Optional<String> type = sink.storedType(round.mailboxId(), id);
        if (type.isEmpty()) {
            return false;
        }
        if ("singleInstance".equals(type.get()) || "exception".equals(type.get())) {
            try {
                GraphEvent now = round.graph().event(id);
                boolean changed = sink.synced(round.mailboxId(), now);
                if (!round.window().overlaps(now)) {
                    sink.leftWindow(round.mailboxId(), id);
                }
                return changed;
            } catch (GraphException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        return sink.removed(round.mailboxId(), id);
    }
}
