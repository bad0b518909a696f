package io.exchangebridge.credential.ui.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerFailure;
import io.exchangebridge.credential.ui.PeerResult;

/**
 * The next appointments of a mailbox account whose calendar is synced, for its page, from the import-service's
 * {@code GET /api/events}. That list is ordered by change, not by start, so the events of the coming
 * {@value #AHEAD_DAYS} days are read (page by page, up to {@value #MOST} of them) and the earliest kept.
 */
@ApplicationScoped
public class UpcomingEvents {

    /** How many events the account's page shows, and how far ahead it looks. */
    static final int SHOWN = 10;
    static final int AHEAD_DAYS = 30;
    static final int PAGE = 100;
    static final int MOST = 1000;

    /** A start or end as the import-service writes it: local date and time in the named zone (UTC by default). */
    public record When(String dateTime, String timeZone) {

        /** {@code 2026-12-03 09:00 UTC}; an all-day event's date only. */
        public String shown(boolean allDay) {
            if (dateTime == null) {
                return "";
            }
            String t = dateTime.replace('T', ' ');
            return allDay
                    ? t.substring(0, Math.min(10, t.length()))
                    : t.substring(0, Math.min(16, t.length()))
                            + (timeZone == null ? "" : " " + timeZone);
        }
    }

    /** The members of the import-service's {@code EventView} that the page shows. */
    public record Event(String id, String subject, When start, When end, boolean isAllDay, String location,
            String type, boolean isCancelled, boolean deleted) {
    }

    /** A page of {@code GET /api/events}. */
    public record EventPage(List<Event> items, String nextCursor) {
    }

    /**
     * What the page shows: the events, or a note instead of them.
     *
     * @param note
     *            null when the events could be listed; otherwise why not, in words for the page
     * @param unsupported
     *            the import-service does not serve events (an older version): a note, not an error
     */
    public record Upcoming(List<Event> events, String note, boolean unsupported) {
    }

    private final PeerClient peers;

    public UpcomingEvents(PeerClient peers) {
        this.peers = peers;
    }

    /** The next {@value #SHOWN} events of the account from now, earliest first, or why there are none to show. */
    Upcoming of(Mailbox mailbox, Instant now) {
        List<Event> all = new ArrayList<>();
        String cursor = null;
        while (all.size() < MOST) {
            PeerResult<EventPage> page = peers.get(Peer.IMPORT, PeerClient.query("/api/events", "mailbox",
                    mailbox.id(), "from", now.toString(), "to", now.plus(Duration.ofDays(AHEAD_DAYS)).toString(),
                    "limit", Integer.toString(PAGE), "cursor", cursor), EventPage.class);
            if (!page.ok()) {
                return failed(page.failure());
            }
            List<Event> items = page.value().items() == null ? List.of() : page.value().items();
            all.addAll(items);
            cursor = page.value().nextCursor();
            if (items.size() < PAGE || cursor == null) {
                break;
            }
        }
        // Later pages are read with a cursor, which also lists deletions.
        List<Event> upcoming = all.stream().filter(e -> !e.deleted() && e.start() != null
                && e.start().dateTime() != null).sorted(Comparator.comparing(e -> e.start().dateTime()))
                .limit(SHOWN).toList();
        return new Upcoming(upcoming, null, false);
    }

    private static Upcoming failed(PeerFailure failure) {
        int status = switch (failure) {
            case PeerFailure.Problem p -> p.httpStatus();
            case PeerFailure.Unexpected u -> u.httpStatus();
            default -> 0;
        };
        if (status == 404 || status == 405) {
            return new Upcoming(List.of(), "This import-service does not list calendar events yet (GET /api/events"
                    + " answered " + status + "): update it to see the upcoming appointments here.", true);
        }
        return new Upcoming(List.of(), "The upcoming appointments could not be listed: " + failure.message(), false);
    }
}
