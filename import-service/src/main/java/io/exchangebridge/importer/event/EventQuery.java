package io.exchangebridge.importer.event;

import java.time.Instant;

import io.exchangebridge.importer.scope.MailboxScope;

/**
 * What {@code GET /api/events} asks for. Without {@code cursor}: current (not deleted) events; with it: every change
 * after it, deletions included. Both ordered by change sequence.
 *
 * @param mailbox
 *            one account, or null for all in {@code scope}
 * @param from
 *            events ending after this (null: any)
 * @param to
 *            events starting before this (null: any)
 * @param changedSince
 *            changes stored at or after this (null: any)
 * @param cursor
 *            a {@link EventPage#nextCursor()}, or null
 */
public record EventQuery(MailboxScope scope, String mailbox, Instant from, Instant to, Instant changedSince,
        String clientId, Long cursor, int limit) {
}
