package io.exchangebridge.simulator.graph.store;

/**
 * Told of every change to a message, whichever way it came (seeding, admin HTTP, SMTP delivery, Graph calls, moves).
 * Called while the mailbox is locked: implementations must only hand the change on (queue it), never block or call back
 * into the store.
 */
@FunctionalInterface
public interface MailListener {

    void changed(MailChange change);

    /**
     * One change of one message as Graph's change notifications see it.
     *
     * @param upn
     *            the mailbox
     * @param changeType
     *            {@code created} (stored in or moved into {@code folderId}), {@code updated} or {@code deleted}
     *            (deleted, or moved out of {@code folderId})
     * @param message
     *            the message as it is in {@code folderId} (before the move for {@code deleted})
     * @param folderId
     *            the folder the change concerns
     */
    record MailChange(String upn, String changeType, StoredMessage message, String folderId) {
    }
}
