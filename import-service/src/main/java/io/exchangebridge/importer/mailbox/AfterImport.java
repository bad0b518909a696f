package io.exchangebridge.importer.mailbox;

/** What happens to a message in the mailbox once it is safely stored. */
public enum AfterImport {
    /** Move to a folder (created if missing). */
    MOVE,
    /** Mark as read. */
    MARK_READ,
    /** Delete (Graph moves it to Recoverable Items). */
    DELETE,
    /** Leave it as it is. */
    NONE
}
