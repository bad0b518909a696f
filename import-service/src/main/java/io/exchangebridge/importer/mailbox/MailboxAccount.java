package io.exchangebridge.importer.mailbox;

/** A snapshot of a mailbox account for an import run. */
public record MailboxAccount(String id, String mailbox, String credentialId, String folder, AfterImport afterImport,
        String moveToFolder, String oversizeFolder, boolean onlyUnread, long maxMessageBytes, boolean enabled,
        String deltaLink) {

    static MailboxAccount of(MailboxEntity e) {
        return new MailboxAccount(e.id, e.mailbox, e.credentialId, e.folder, e.afterImport, e.moveToFolder,
                e.oversizeFolder, e.onlyUnread, e.maxMessageBytes, e.enabled, e.deltaLink);
    }
}
