package io.exchangebridge.importer.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.importer.graph.GraphException;

/**
 * Folder paths of one mailbox resolved to ids: a well-known name ({@code inbox}, {@code archive}, ...) or a path of
 * display names below one ({@code Inbox/Support}) or below the root ({@code Imported}). Target folders are created when
 * missing and resolved once per instance, so make one per run.
 */
public final class MailFolders {

    private static final Set<String> WELL_KNOWN = Set.of("msgfolderroot", "inbox", "drafts", "sentitems",
            "deleteditems", "archive", "junkemail", "outbox", "conversationhistory");

    private final MailGraph mail;
    private final Map<String, String> targets = new ConcurrentHashMap<>();

    public MailFolders(MailGraph mail) {
        this.mail = mail;
    }

    /** The id of an existing folder; {@link FolderNotFound} when a segment of the path does not exist. */
    public String existing(String path) {
        return resolve(path, false);
    }

    /** The id of a target folder (MOVE, oversize), created with its parents when missing; cached per path. */
    public String target(String path) {
        return targets.computeIfAbsent(path.toLowerCase(Locale.ROOT), p -> resolve(path, true));
    }

    private String resolve(String path, boolean create) {
        String[] segments = path.split("/");
        String id;
        int start;
        if (WELL_KNOWN.contains(segments[0].toLowerCase(Locale.ROOT))) {
            id = mail.folder(segments[0].toLowerCase(Locale.ROOT)).id();
            start = 1;
        } else {
            id = mail.folder("msgfolderroot").id();
            start = 0;
        }
        for (int i = start; i < segments.length; i++) {
            Optional<MailFolder> child = mail.childFolder(id, segments[i]);
            if (child.isEmpty()) {
                if (!create) {
                    throw new FolderNotFound(path, segments[i]);
                }
                try {
                    child = Optional.of(mail.createChildFolder(id, segments[i]));
                } catch (GraphException e) {
                    if (!e.conflict()) {
                        throw e;
                    }
                    child = mail.childFolder(id, segments[i]); // created meanwhile by another run
                }
            }
            id = child.orElseThrow().id();
        }
        return id;
    }
}
