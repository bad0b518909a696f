package io.exchangebridge.importer.mail;

import java.util.Comparator;

/**
 * One folder of a mailbox's folder tree as {@link MailFolders#tree()} lists it.
 *
 * @param path
 *            display names from the top of the mailbox joined by {@code /} ({@code Inbox/Support}), the syntax a
 *            mailbox account's {@code folder} takes; null when the folder cannot be named so (a {@code /} in a display
 *            name on the way, or a top-level name that is another folder's well-known name)
 * @param wellKnownName
 *            Graph's well-known name ({@code inbox}, {@code sentitems}, ...) of the folders Exchange creates; null for
 *            others
 */
public record FolderTree(String id, String displayName, String path, String wellKnownName, int totalItemCount,
        int unreadItemCount) {

    /** By path (case-insensitive, then exact), folders without a path last. */
    public static final Comparator<FolderTree> BY_PATH = Comparator
            .comparing(FolderTree::path, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER
                    .thenComparing(Comparator.naturalOrder())))
            .thenComparing(FolderTree::displayName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FolderTree::id);
}
