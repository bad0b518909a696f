package io.exchangebridge.simulator.graph.store;

import java.util.Optional;

/**
 * A mail folder of one mailbox.
 *
 * @param id
 *            the folder id (stable: folders do not move in this simulator)
 * @param displayName
 *            the name shown in Outlook
 * @param parentId
 *            the parent folder's id; empty for the root
 * @param wellKnown
 *            the well-known name, for the folders Exchange creates itself
 * @param hiddenFolder
 *            a folder of the mailbox's visible tree marked hidden (Graph lists it only with
 *            {@code includeHiddenFolders=true}; its messages stay reachable)
 */
public record MailFolder(String id, String displayName, Optional<String> parentId,
        Optional<WellKnownFolder> wellKnown, boolean hiddenFolder) {

    public MailFolder(String id, String displayName, Optional<String> parentId, Optional<WellKnownFolder> wellKnown) {
        this(id, displayName, parentId, wellKnown, false);
    }

    /** Outside the tree Graph lists at all: the root itself and Recoverable Items. */
    public boolean hidden() {
        return wellKnown.map(WellKnownFolder::hidden).orElse(false);
    }

    /** Graph's {@code isHidden}. */
    public boolean isHidden() {
        return hidden() || hiddenFolder;
    }
}
