package io.exchangebridge.simulator.graph;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** The OData query options of a message list: {@code $top}, {@code $skip}, {@code $select}, {@code $filter}... */
record ODataQuery(int top, int skip, Optional<Set<String>> select, MessageFilter filter,
        Comparator<StoredMessage> order, Set<String> expand) {

    /** In {@link #expand}: every extended property, when {@code $expand} names them without a filter. */
    static final String ALL_PROPERTIES = "*";

    private static final Pattern EXPAND_ID = Pattern.compile("id\\s+eq\\s+'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE);

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1000;

    static ODataQuery parse(GraphRequest request) {
        int top = integer(request, "$top", DEFAULT_TOP);
        if (top < 1 || top > MAX_TOP) {
            throw GraphErrors.badRequest("Invalid value for $top: " + top + ".");
        }
        int skip = integer(request, "$skip", 0);
        if (skip < 0) {
            throw GraphErrors.badRequest("Invalid value for $skip: " + skip + ".");
        }
        return new ODataQuery(top, skip, select(request), MessageFilter.parse(request.param("$filter").orElse(null)),
                order(request.param("$orderby").orElse(null)), expand(request));
    }

    private static int integer(GraphRequest request, String name, int fallback) {
        Optional<String> value = request.param(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw GraphErrors.badRequest("Invalid value for " + name + ": '" + value.get() + "'.");
        }
    }

    static Optional<Set<String>> select(GraphRequest request) {
        Optional<String> select = request.param("$select");
        if (select.isEmpty() || select.get().isBlank()) {
            return Optional.empty();
        }
        Set<String> properties = new LinkedHashSet<>();
        for (String property : select.get().split(",")) {
            String name = property.trim();
            properties.add(MessageJson.canonical(name).orElseThrow(() -> GraphErrors.unknownProperty(name)));
        }
        return Optional.of(properties);
    }

    static Comparator<StoredMessage> order(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return MailboxStore.NEWEST_FIRST;
        }
        String[] parts = orderBy.trim().split("\\s+");
        String property = MessageJson.canonical(parts[0]).orElseThrow(() -> GraphErrors.unknownProperty(parts[0]));
        Comparator<StoredMessage> comparator = switch (property) {
            case "receivedDateTime" -> Comparator.comparing(StoredMessage::receivedAt);
            case "sentDateTime" -> Comparator.comparing(m -> m.summary().sentAt().orElse(m.receivedAt()));
            case "subject" -> Comparator.comparing(m -> m.summary().subject(), String.CASE_INSENSITIVE_ORDER);
            default -> throw GraphErrors.badRequest("Sorting on '" + property + "' is not supported.");
        };
        comparator = comparator.thenComparing(StoredMessage::createdAt);
        boolean descending = parts.length > 1 && parts[1].toLowerCase(Locale.ROOT).equals("desc");
        if (parts.length > 1 && !descending && !parts[1].equalsIgnoreCase("asc")) {
            throw GraphErrors.badRequest("Invalid $orderby direction '" + parts[1] + "'.");
        }
        return descending ? comparator.reversed() : comparator;
    }

    /**
     * {@code $expand=singleValueExtendedProperties($filter=id eq '...')}: the ids asked for, lower case (the size is
     * {@code Long 0x0E08}), {@link #ALL_PROPERTIES} without a filter, empty when not expanded.
     */
    static Set<String> expand(GraphRequest request) {
        String expand = request.param("$expand").orElse("");
        if (!expand.toLowerCase(Locale.ROOT).contains("singlevalueextendedproperties")) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = EXPAND_ID.matcher(expand);
        while (m.find()) {
            ids.add(m.group(1).replace("''", "'").toLowerCase(Locale.ROOT));
        }
        return ids.isEmpty() ? Set.of(ALL_PROPERTIES) : Set.copyOf(ids);
    }
}
