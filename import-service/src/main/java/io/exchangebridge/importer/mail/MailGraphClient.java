package io.exchangebridge.importer.mail;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.credential.AccessToken;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.graph.GraphClient;
import io.exchangebridge.importer.graph.GraphSession;

/** Opens a {@link MailGraph} per mailbox run, on a fresh Graph session of its own. */
@ApplicationScoped
public class MailGraphClient {

    private final GraphClient graph;
    private final ImporterConfig config;

    public MailGraphClient(GraphClient graph, ImporterConfig config) {
        this.graph = graph;
        this.config = config;
    }

    /**
     * Mail of {@code mailbox}; {@code tokens} gives the current token, {@code refresh} one replacing a rejected one.
     */
    public MailGraph mailbox(String mailbox, Supplier<AccessToken> tokens, Function<AccessToken, AccessToken> refresh) {
        return new MailGraph(graph.session(mailbox, tokens, refresh), mailbox, config.graph().pageSize());
    }

    /** Mail of {@code mailbox} on an open session (shared with the run's calendar sync: one Retry-After gate). */
    public MailGraph on(GraphSession session, String mailbox) {
        return new MailGraph(session, mailbox, config.graph().pageSize());
    }

    /** The same for a person waiting for the answer: few retries, long Retry-After passed on (see GraphClient). */
    public MailGraph interactive(String mailbox, Supplier<AccessToken> tokens,
            Function<AccessToken, AccessToken> refresh) {
        return new MailGraph(graph.interactiveSession(mailbox, tokens, refresh), mailbox, config.graph().pageSize());
    }
}
