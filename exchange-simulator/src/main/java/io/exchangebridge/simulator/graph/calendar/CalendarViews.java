package io.exchangebridge.simulator.graph.calendar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.calendar.CalendarSyncStates.Change;
import io.exchangebridge.simulator.graph.calendar.CalendarSyncStates.Round;
import io.exchangebridge.simulator.graph.calendar.CalendarSyncStates.SyncState;

/**
 * calendarView (singles, occurrences and exceptions of a window, paged by {@code $top} / {@code $skip}), its delta
 * (paged by {@code Prefer: odata.maxpagesize}, the window kept in the tokens) and a series' instances.
 */
final class CalendarViews {

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 1000;

    private final GraphCalendar calendar;
    private final CalendarSyncStates syncStates;

    CalendarViews(GraphCalendar calendar, CalendarSyncStates syncStates) {
        this.calendar = calendar;
        this.syncStates = syncStates;
    }

    CalendarAnswer calendarView(CalendarRequest request, String calendarId) {
        Instant[] window = window(request);
        return page(request, "calendarView", calendar.mailbox(request.mailbox()).calendarView(calendarId, window[0],
                window[1]));
    }

    CalendarAnswer instances(CalendarRequest request, String masterId) {
        Instant[] window = window(request);
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        return page(request, "events('" + masterId + "')/instances", cal.instances(masterId, window[0], window[1]));
    }

    /** One page of {@code items} by {@code $top} / {@code $skip}, with a nextLink while more remain. */
    CalendarAnswer page(CalendarRequest request, String context, List<StoredEvent> items) {
        int top = integer(request, "$top", DEFAULT_PAGE_SIZE);
        int skip = integer(request, "$skip", 0);
        if (top < 1 || top > MAX_PAGE_SIZE || skip < 0) {
            throw CalendarFailure.invalid("BadRequest", "Invalid value for $top or $skip.");
        }
        items = EventQuery.apply(request, items);
        TimeZonePreference zone = TimeZonePreference.of(request);
        Predicate<String> expand = CalendarOperations.expand(request);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", request.context(context));
        ArrayNode value = body.putArray("value");
        items.stream().skip(skip).limit(top).forEach(e -> value.add(CalendarOperations.select(request,
                EventJson.of(e, request.mailbox(), zone, expand))));
        if (skip + top < items.size()) {
            body.put("@odata.nextLink", link(request, "$skip", Integer.toString(skip + top), true));
        }
        return AppliedPreferences.apply(request, CalendarAnswer.json(200, body), zone, 0);
    }

    /**
     * calendarView/delta: a full round when called with the window, then the changes since a {@code $deltatoken}; an
     * unknown or expired token (or one of another mailbox or calendar) answers SyncStateNotFound.
     */
    CalendarAnswer delta(CalendarRequest request, String calendarId) {
        Optional<String> skipToken = request.param("$skiptoken");
        Optional<String> deltaToken = request.param("$deltatoken");
        Round round;
        if (skipToken.isPresent()) {
            round = syncStates.skip(skipToken.get()).filter(r -> mine(r.next(), request, calendarId))
                    .orElseThrow(CalendarViews::syncStateNotFound);
        } else {
            SyncState previous;
            if (deltaToken.isPresent()) {
                previous = syncStates.delta(deltaToken.get()).filter(s -> mine(s, request, calendarId))
                        .orElseThrow(CalendarViews::syncStateNotFound);
            } else {
                Instant[] window = window(request);
                previous = new SyncState(request.mailbox().toLowerCase(Locale.ROOT), calendarId, window[0],
                        window[1], Map.of());
            }
            round = CalendarSyncStates.round(previous, calendar.mailbox(request.mailbox()).calendarView(calendarId,
                    previous.from(), previous.to()));
        }
        int pageSize = pageSize(request);
        int end = Math.min(round.offset() + pageSize, round.changes().size());
        TimeZonePreference zone = TimeZonePreference.of(request);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", request.baseUrl() + "/$metadata#Collection(event)");
        ArrayNode value = body.putArray("value");
        for (Change change : round.changes().subList(round.offset(), end)) {
            value.add(change.item() == null
                    ? EventJson.removed(change.id())
                    : EventJson.of(change.item(), request.mailbox(), zone, null));
        }
        if (end < round.changes().size()) {
            String token = syncStates.remember(new Round(round.next(), round.changes(), end));
            body.put("@odata.nextLink", link(request, "$skiptoken", token, false));
        } else {
            body.put("@odata.deltaLink", link(request, "$deltatoken", syncStates.remember(round.next()), false));
        }
        return AppliedPreferences.apply(request, CalendarAnswer.json(200, body), zone, pageSize);
    }

    static CalendarFailure syncStateNotFound() {
        return new CalendarFailure(CalendarFailure.Kind.SYNC_STATE_NOT_FOUND, "SyncStateNotFound",
                "The sync state generation is not found; generation=0;[highest=1].");
    }

    private static boolean mine(SyncState state, CalendarRequest request, String calendarId) {
        return state.mailbox().equalsIgnoreCase(request.mailbox()) && state.calendarId().equals(calendarId);
    }

    /** startDateTime / endDateTime, required as Graph requires them. */
    private static Instant[] window(CalendarRequest request) {
        Optional<Instant> from = request.param("startDateTime").flatMap(TimeZones::windowBound);
        Optional<Instant> to = request.param("endDateTime").flatMap(TimeZones::windowBound);
        if (from.isEmpty() || to.isEmpty()) {
            throw CalendarFailure.invalid("ErrorInvalidParameter", "This request requires a time window specified"
                    + " by the query string parameters StartDateTime and EndDateTime.");
        }
        if (!to.get().isAfter(from.get())) {
            throw CalendarFailure.invalid("ErrorInvalidParameter",
                    "The value of the parameter 'EndDateTime' must be later than 'StartDateTime'.");
        }
        return new Instant[]{from.get(), to.get()};
    }

    private static int pageSize(CalendarRequest request) {
        try {
            int size = Integer.parseInt(request.preference("odata.maxpagesize").orElse(
                    Integer.toString(DEFAULT_PAGE_SIZE)));
            return Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    private static int integer(CalendarRequest request, String name, int fallback) {
        try {
            return request.param(name).map(String::trim).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw CalendarFailure.invalid("BadRequest", "Invalid value for " + name + ".");
        }
    }

    /** The request's own URL with one parameter set; delta links drop the rest, which their token carries. */
    private static String link(CalendarRequest request, String name, String value, boolean keepOthers) {
        StringBuilder url = new StringBuilder(request.baseUrl()).append(request.rawPath()).append('?');
        if (keepOthers) {
            request.query().forEach((k, v) -> {
                if (!k.equals(name)) {
                    url.append(k).append('=').append(encode(v)).append('&');
                }
            });
        }
        return url.append(name).append('=').append(encode(value)).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
