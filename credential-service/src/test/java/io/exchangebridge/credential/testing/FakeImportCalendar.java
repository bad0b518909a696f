package io.exchangebridge.credential.testing;

import static io.exchangebridge.credential.testing.FakePeerServices.ok;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exchangebridge.credential.testing.FakePeerServices.Answer;

/**
 * The calendar part of the import-service's API in {@link FakePeerServices}, as issue 17's contract describes it: the
 * {@code importMail} and {@code calendar} settings of mailbox accounts (validated like the real service, with the
 * {@code field} member), and {@code GET /api/events} ordered by change with its cursor.
 */
final class FakeImportCalendar {

    /** {@code importer.calendar.max-window-days}. */
    static final int MAX_WINDOW_DAYS = 1825;

    private final FakePeerServices fake;

    FakeImportCalendar(FakePeerServices fake) {
        this.fake = fake;
    }

    /** The 400 of a request's calendar settings, or null. */
    static Answer invalid(Map<String, Object> b) {
        boolean mail = !Boolean.FALSE.equals(b.get("importMail"));
        if (!(b.get("calendar") instanceof Map<?, ?> calendar)) {
            return mail ? null : fieldProblem("calendar", "Neither mail nor the calendar is synced: turn one on.");
        }
        for (Object member : calendar.keySet()) {
            if (!List.of("name", "daysBack", "daysAhead").contains(member)) {
                // the real service refuses unknown members (quarkus.jackson.fail-on-unknown-properties)
                return FakePeerServices.problem(400, "Unrecognized field \"" + member + "\" in calendar.");
            }
        }
        int back = days(calendar.get("daysBack"), 30);
        int ahead = days(calendar.get("daysAhead"), 365);
        if (back < 0 || ahead < 0) {
            return fieldProblem(back < 0 ? "calendar.daysBack" : "calendar.daysAhead",
                    "The calendar's days back and days ahead must be 0 or more.");
        }
        if (back + ahead > MAX_WINDOW_DAYS) {
            return fieldProblem("calendar.daysAhead", "The window is too large: daysBack + daysAhead is "
                    + (back + ahead) + " days, at most " + MAX_WINDOW_DAYS + ".");
        }
        return null;
    }

    /** Puts the stored form of the request's settings into {@code m}, the view's window once synced. */
    static void settings(Map<String, Object> m, Map<String, Object> b, Map<String, Object> before) {
        m.put("importMail", !Boolean.FALSE.equals(b.get("importMail")));
        if (!(b.get("calendar") instanceof Map<?, ?> requested)) {
            m.put("calendar", null);
            return;
        }
        Map<String, Object> calendar = new LinkedHashMap<>();
        Object name = requested.get("name");
        calendar.put("name", name instanceof String s && !s.isBlank() ? s : null);
        calendar.put("daysBack", days(requested.get("daysBack"), 30));
        calendar.put("daysAhead", days(requested.get("daysAhead"), 365));
        if (before != null && before.get("calendar") instanceof Map<?, ?> old && old.get("lastSyncedAt") != null) {
            calendar.put("windowStart", old.get("windowStart"));
            calendar.put("windowEnd", old.get("windowEnd"));
            calendar.put("lastSyncedAt", old.get("lastSyncedAt"));
        }
        m.put("calendar", calendar);
    }

    /** A run's calendar sync of {@code m}: its window and last sync set, and the events changed, or null. */
    static Integer sync(Map<String, Object> m, Instant now) {
        if (!(m.get("calendar") instanceof Map<?, ?> settings)) {
            return null;
        }
        Map<String, Object> calendar = new LinkedHashMap<>();
        settings.forEach((k, v) -> calendar.put(String.valueOf(k), v));
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        calendar.put("windowStart", today.minus((Integer) calendar.get("daysBack"), ChronoUnit.DAYS).toString());
        calendar.put("windowEnd", today.plus((Integer) calendar.get("daysAhead"), ChronoUnit.DAYS).toString());
        calendar.put("lastSyncedAt", now.toString());
        m.put("calendar", calendar);
        return 3;
    }

    /** {@code GET /api/events}: current events, or with a cursor the changes after it (deletions included). */
    Answer events(Map<String, String> q) {
        if (fake.eventsUnsupported) {
            return new Answer(404, null);
        }
        long after = q.get("cursor") == null ? 0 : Long.parseLong(q.get("cursor"));
        int limit = q.get("limit") == null ? 100 : Integer.parseInt(q.get("limit"));
        fake.eventQueries.add(q);
        List<Map<String, Object>> items = new ArrayList<>();
        long last = after;
        for (Map<String, Object> e : fake.events) {
            long seq = ((Number) e.get("changeSeq")).longValue();
            boolean listed = seq > after && e.get("mailbox").equals(q.get("mailbox"))
                    && (q.get("cursor") != null || !Boolean.TRUE.equals(e.get("deleted")))
                    && inWindow(e, q.get("from"), q.get("to"));
            if (listed && items.size() < limit) {
                Map<String, Object> view = new LinkedHashMap<>(e);
                view.remove("changeSeq");
                items.add(view);
                last = seq;
            }
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("nextCursor", Long.toString(last));
        return ok(page);
    }

    /** An event of {@code mailbox} from {@code start} (UTC) for an hour, changed after all others so far. */
    static Map<String, Object> event(String id, String mailbox, String subject, LocalDateTime start,
            long changeSeq) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("mailbox", mailbox);
        e.put("graphId", "AAMk" + id);
        e.put("type", "singleInstance");
        e.put("subject", subject);
        e.put("start", Map.of("dateTime", start.toString(), "timeZone", "UTC"));
        e.put("end", Map.of("dateTime", start.plusHours(1).toString(), "timeZone", "UTC"));
        e.put("isAllDay", false);
        e.put("location", "Room " + id);
        e.put("isCancelled", false);
        e.put("deleted", false);
        e.put("changeSeq", changeSeq);
        return e;
    }

    private static boolean inWindow(Map<String, Object> e, String from, String to) {
        Instant end = utc(e.get("end"));
        Instant start = utc(e.get("start"));
        return (from == null || end.isAfter(Instant.parse(from))) && (to == null || start.isBefore(Instant.parse(
                to)));
    }

    private static Instant utc(Object when) {
        return LocalDateTime.parse((String) ((Map<?, ?>) when).get("dateTime")).toInstant(ZoneOffset.UTC);
    }

    private static int days(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static Answer fieldProblem(String field, String detail) {
        return new Answer(400, Map.of("type", "about:blank", "title", "Bad Request", "status", 400, "detail",
                detail, "field", field));
    }
}
