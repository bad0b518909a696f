package io.exchangebridge.smtp.route;

import java.util.UUID;

/**
 * Sends a route's test message through the normal outbox. Implemented by the intake ({@code submit}), which depends on
 * routes (never the other way round).
 */
public interface RouteTester {

    /** The subject of every test message. */
    String SUBJECT = "Exchange Bridge test message";

    /**
     * Stores a short text message from {@code from} (an address the route covers) to {@code to}, submitted by
     * {@code submittedBy}, and writes {@code route.test} to the audit log in the same transaction.
     */
    TestMessage send(SenderRoute route, String from, String to, String submittedBy);

    /** The stored test message: its outbox id and status. */
    record TestMessage(UUID id, String status) {
    }
}
