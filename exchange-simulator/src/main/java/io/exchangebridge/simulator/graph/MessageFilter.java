package io.exchangebridge.simulator.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * The subset of OData {@code $filter} this simulator evaluates on messages: comparisons on {@code isRead},
 * {@code hasAttachments}, {@code importance}, {@code subject} and {@code receivedDateTime}, and the documented way to
 * find a message by a single-value extended property
 * ({@code singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')}), joined with {@code and}.
 */
final class MessageFilter implements Predicate<StoredMessage> {

    private static final Pattern CLAUSE = Pattern.compile("\\(?\\s*(\\w+)\\s+(eq|ne|ge|gt|le|lt)\\s+(.+?)\\s*\\)?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern EXTENDED = Pattern.compile(
            "\\(?\\s*singleValueExtendedProperties/any\\(\\s*(\\w+)\\s*:\\s*\\1/id\\s+eq\\s+'((?:[^']|'')*)'\\s+and\\s+\\1/value"
                    + "\\s+eq\\s+'((?:[^']|'')*)'\\s*\\)\\s*\\)?",
            Pattern.CASE_INSENSITIVE);

    record Clause(String property, String operator, String value, Predicate<StoredMessage> test) {
    }

    static final MessageFilter NONE = new MessageFilter(List.of());

    private final List<Clause> clauses;

    private MessageFilter(List<Clause> clauses) {
        this.clauses = clauses;
    }

    static MessageFilter parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return NONE;
        }
        List<Clause> clauses = new ArrayList<>();
        // the Any(...) lambda holds an 'and' of its own: take those clauses out before splitting the rest
        Matcher extended = EXTENDED.matcher(expression);
        StringBuilder rest = new StringBuilder();
        while (extended.find()) {
            String id = extended.group(2).replace("''", "'");
            String value = extended.group(3).replace("''", "'");
            clauses.add(new Clause("singleValueExtendedProperties", "any", value,
                    m -> m.extendedProperty(id).filter(value::equals).isPresent()));
            extended.appendReplacement(rest, " and ");
        }
        extended.appendTail(rest);
        for (String part : rest.toString().trim().split("(?i)\\s+and\\s+")) {
            if (part.isBlank() || part.trim().equalsIgnoreCase("and")) {
                continue;
            }
            if (part.matches("(?i).*\\s+or\\s+.*")) {
                throw GraphErrors.invalidFilter("'or' is not supported.");
            }
            Matcher m = CLAUSE.matcher(part.trim());
            if (!m.matches()) {
                throw GraphErrors.invalidFilter("Invalid filter clause: " + part.trim());
            }
            clauses.add(clause(m.group(1), m.group(2).toLowerCase(Locale.ROOT), m.group(3).trim()));
        }
        return new MessageFilter(List.copyOf(clauses));
    }

    private static Clause clause(String name, String op, String value) {
        String property = MessageJson.canonical(name).orElseThrow(() -> GraphErrors.unknownProperty(name));
        Predicate<StoredMessage> test = switch (property) {
            case "isRead" -> bool(op, value, StoredMessage::read);
            case "hasAttachments" -> bool(op, value, m -> m.summary().hasAttachments());
            case "importance" -> text(op, value, StoredMessage::importance);
            case "subject" -> text(op, value, m -> m.summary().subject());
            case "receivedDateTime" -> {
                Instant bound = instant(value);
                yield m -> compare(m.receivedAt().compareTo(bound), op);
            }
            default -> throw GraphErrors.invalidFilter("Filtering on '" + property + "' is not supported.");
        };
        return new Clause(property, op, value, test);
    }

    private static Predicate<StoredMessage> bool(String op, String value, Predicate<StoredMessage> property) {
        boolean expected = switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GraphErrors.invalidFilter("'" + value + "' is not a boolean.");
        };
        return switch (op) {
            case "eq" -> m -> property.test(m) == expected;
            case "ne" -> m -> property.test(m) != expected;
            default -> throw GraphErrors.invalidFilter("Operator '" + op + "' is not valid for a boolean.");
        };
    }

    private static Predicate<StoredMessage> text(String op, String value,
            Function<StoredMessage, String> property) {
        if (!(value.startsWith("'") && value.endsWith("'") && value.length() >= 2)) {
            throw GraphErrors.invalidFilter("'" + value + "' is not a string literal.");
        }
        String literal = value.substring(1, value.length() - 1).replace("''", "'");
        return switch (op) {
            case "eq" -> m -> property.apply(m).equalsIgnoreCase(literal);
            case "ne" -> m -> !property.apply(m).equalsIgnoreCase(literal);
            default -> throw GraphErrors.invalidFilter("Operator '" + op + "' is not supported on strings.");
        };
    }

    private static Instant instant(String value) {
        String literal = value.startsWith("'") && value.endsWith("'")
                ? value.substring(1, value.length() - 1)
                : value;
        try {
            return OffsetDateTime.parse(literal).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphErrors.invalidFilter("'" + value + "' is not a DateTimeOffset.");
        }
    }

    private static boolean compare(int comparison, String op) {
        return switch (op) {
            case "eq" -> comparison == 0;
            case "ne" -> comparison != 0;
            case "ge" -> comparison >= 0;
            case "gt" -> comparison > 0;
            case "le" -> comparison <= 0;
            default -> comparison < 0;
        };
    }

    @Override
    public boolean test(StoredMessage message) {
        return clauses.stream().allMatch(c -> c.test().test(message));
    }

    /** Delta queries accept nothing but {@code receivedDateTime ge|gt}. */
    boolean onlyReceivedAfter() {
        return clauses.stream()
                .allMatch(c -> c.property().equals("receivedDateTime") && (c.operator().equals("ge")
                        || c.operator().equals("gt")));
    }
}
