package io.exchangebridge.credential.ui.route;

import java.time.Instant;

/** A sender route of the smtp-service, as {@code GET /api/routes/{id}} answers it. */
public record Route(String id, String sender, String credentialId, String mailbox, String transport,
        Instant createdAt) {

    /** The body of {@code POST /api/routes} and {@code PUT /api/routes/{id}}. */
    public record Request(String sender, String credentialId, String mailbox, String transport) {
    }

    /** The body of {@code POST /api/routes/{id}/test}. */
    public record TestRequest(String to) {
    }

    /** The answer of {@code POST /api/routes/{id}/test}: the queued test message. */
    public record TestQueued(String id, String status, String statusUrl) {
    }
}
