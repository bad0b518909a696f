package io.exchangebridge.importer.calendar;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.credential.AccessToken;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.graph.GraphClient;
import io.exchangebridge.importer.graph.GraphSession;

/** Opens {@link CalendarGraph}s: on a run's session (shared with its mail import), or on a session of their own. */
@ApplicationScoped
public class CalendarGraphClient {

    private final GraphClient graph;
    private final ImporterConfig config;

    public CalendarGraphClient(GraphClient graph, ImporterConfig config) {
        this.graph = graph;
        this.config = config;
    }

    /** The calendar of {@code mailbox} on an open session (the same limits and Retry-After gate as its other calls). */
    public CalendarGraph on(GraphSession session, String mailbox) {
        return new CalendarGraph(session, mailbox, config.calendar().pageSize());
    }

    /** The calendar of {@code mailbox} on a fresh session. */
    public CalendarGraph mailbox(String mailbox, Supplier<AccessToken> tokens,
            Function<AccessToken, AccessToken> refresh) {
        return on(graph.session(mailbox, tokens, refresh), mailbox);
    }
}
