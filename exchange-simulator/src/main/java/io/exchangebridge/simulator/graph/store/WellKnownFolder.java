package io.exchangebridge.simulator.graph.store;

import java.util.Locale;
import java.util.Optional;

/** The well-known folder names Graph accepts in place of a folder id, and the display names Exchange gives them. */
public enum WellKnownFolder {
    MSGFOLDERROOT("Top of Information Store", true), INBOX("Inbox", false), DRAFTS("Drafts", false), SENTITEMS(
            "Sent Items", false), DELETEDITEMS("Deleted Items", false), ARCHIVE("Archive", false), JUNKEMAIL(
                    "Junk Email", false), OUTBOX("Outbox", false), CONVERSATIONHISTORY("Conversation History",
                            false), RECOVERABLEITEMSDELETIONS("Deletions", true);

    private final String displayName;
    private final boolean hidden;

    WellKnownFolder(String displayName, boolean hidden) {
        this.displayName = displayName;
        this.hidden = hidden;
    }

    public String displayName() {
        return displayName;
    }

    /** Hidden folders are not listed under the root (the root itself, Recoverable Items). */
    public boolean hidden() {
        return hidden;
    }

    /** The name as Graph spells it in URLs, e.g. {@code sentitems}. */
    public String graphName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Well-known names are case-insensitive in Graph URLs. */
    public static Optional<WellKnownFolder> byName(String name) {
        for (WellKnownFolder folder : values()) {
            if (folder.graphName().equalsIgnoreCase(name)) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
