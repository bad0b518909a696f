package io.exchangebridge.simulator.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticated connections per mailbox, in the order they authenticated: Exchange Online lets a mailbox submit over
 * three connections at a time and throttles the ones beyond.
 */
final class SenderConnections {

    static final int EXCHANGE_LIMIT = 3;

    // lists are only touched inside compute(), which ConcurrentHashMap runs atomically per key
    private final Map<String, List<Object>> open = new ConcurrentHashMap<>();

    void opened(String mailbox, Object connection) {
        open.compute(key(mailbox), (k, list) -> {
            List<Object> connections = list == null ? new ArrayList<>() : list;
            connections.add(connection);
            return connections;
        });
    }

    void closed(String mailbox, Object connection) {
        open.computeIfPresent(key(mailbox), (k, list) -> {
            list.remove(connection);
            return list.isEmpty() ? null : list;
        });
    }

    /** True when the connection is the fourth or later one of the mailbox still open. */
    boolean overLimit(String mailbox, Object connection) {
        boolean[] over = {false};
        open.computeIfPresent(key(mailbox), (k, list) -> {
            over[0] = list.indexOf(connection) >= EXCHANGE_LIMIT;
            return list;
        });
        return over[0];
    }

    private static String key(String mailbox) {
        return mailbox.toLowerCase(Locale.ROOT);
    }
}
