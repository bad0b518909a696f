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
 */
public record MailFolder(String id, String displayName, Optional<String> parentId,
        Optional<WellKnownFolder> wellKnown) {

    public boolean hidden() {
        return wellKnown.map(WellKnownFolder::hidden).orElse(false);
    }
}
