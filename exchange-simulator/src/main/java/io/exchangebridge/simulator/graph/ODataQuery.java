package io.exchangebridge.simulator.graph;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** The OData query options of a message list: {@code $top}, {@code $skip}, {@code $select}, {@code $filter}... */
record ODataQuery(int top, int skip, Optional<Set<String>> select, MessageFilter filter,
        Comparator<StoredMessage> order, boolean expandSize) {

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
                order(request.param("$orderby").orElse(null)), expandSize(request));
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

    /** {@code $expand=singleValueExtendedProperties($filter=id eq 'Long 0x0E08')}: the message size. */
    static boolean expandSize(GraphRequest request) {
        String expand = request.param("$expand").orElse("").toLowerCase(Locale.ROOT);
        return expand.contains("singlevalueextendedproperties") && expand.contains("0x0e08");
    }
}
