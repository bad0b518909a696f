package io.exchangebridge.simulator.graph.calendar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} and {@code $orderby} of event lists that the simulator honours: equality on {@code subject} and
 * {@code iCalUId}, the documented way to find events by a single-value extended property
 * ({@code singleValueExtendedProperties/any(ep: ep/id eq '…' and ep/value eq '…')}), clauses joined by {@code and};
 * ordering by {@code start/dateTime}. Anything else Graph would understand is refused with a message saying the
 * simulator does not, rather than answered unfiltered.
 */
final class EventQuery {

    private static final Pattern EXTENDED = Pattern.compile(
            "singleValueExtendedProperties/any\\(\\s*(\\w+)\\s*:\\s*\\1/id\\s+eq\\s+'((?:[^']|'')*)'\\s+and\\s+\\1/value"
                    + "\\s+eq\\s+'((?:[^']|'')*)'\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EQUALS = Pattern.compile("(subject|iCalUId)\\s+eq\\s+'((?:[^']|'')*)'",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AND = Pattern.compile("\\s+and\\s+(?![^()]*\\))", Pattern.CASE_INSENSITIVE);

    private EventQuery() {
    }

    /** The events a list keeps, in the order it lists them. */
    static List<StoredEvent> apply(CalendarRequest request, List<StoredEvent> events) {
        Predicate<StoredEvent> filter = filter(request.param("$filter").orElse(""));
        List<StoredEvent> kept = events.stream().filter(filter).toList();
        Optional<String> orderBy = request.param("$orderby").map(o -> o.trim().replaceAll("\\s+", " "));
        if (orderBy.isEmpty()) {
            return kept;
        }
        if (!orderBy.get().equals("start/dateTime") && !orderBy.get().equals("start/dateTime asc")) {
            throw notSimulated("$orderby=" + orderBy.get());
        }
        return kept.stream().sorted(Comparator.comparing(StoredEvent::start)).toList();
    }

    private static Predicate<StoredEvent> filter(String filter) {
        if (filter.isBlank()) {
            return e -> true;
        }
        List<Predicate<StoredEvent>> clauses = new ArrayList<>();
        for (String clause : AND.split(filter.trim())) {
            clauses.add(clause(clause.trim()));
        }
        return e -> clauses.stream().allMatch(c -> c.test(e));
    }

    private static Predicate<StoredEvent> clause(String clause) {
        Matcher extended = EXTENDED.matcher(clause);
        if (extended.matches()) {
            String id = unquote(extended.group(2));
            String value = unquote(extended.group(3));
            return e -> e.extendedProperty(id).filter(value::equals).isPresent();
        }
        Matcher equals = EQUALS.matcher(clause);
        if (equals.matches()) {
            String value = unquote(equals.group(2));
            return equals.group(1).toLowerCase(Locale.ROOT).equals("subject")
                    ? e -> e.subject().equals(value)
                    : e -> e.iCalUId().equals(value);
        }
        throw notSimulated("$filter=" + clause);
    }

    private static String unquote(String literal) {
        return literal.replace("''", "'");
    }

    private static CalendarFailure notSimulated(String what) {
        return CalendarFailure.invalid("BadRequest", "The Exchange simulator does not support " + what
                + " on calendar lists.");
    }
}
