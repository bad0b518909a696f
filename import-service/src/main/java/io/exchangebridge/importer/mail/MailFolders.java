package io.exchangebridge.importer.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
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

    private static final String ROOT_FOLDER = "msgfolderroot";
    private static final Set<String> WELL_KNOWN = Set.of(ROOT_FOLDER, "inbox", "drafts", "sentitems", "deleteditems",
            "archive", "junkemail", "outbox", "conversationhistory");
    /** Longest path a mailbox account's folder may have. */
    public static final int MAX_PATH = 512;

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

    /**
     * Every visible folder of the mailbox, recursively through the child folders (all pages), sorted by
     * {@link FolderTree#BY_PATH}. Well-known folders are found by asking Graph for each well-known name (v1.0 does not
     * name them in a listing); one the mailbox does not have (404) is skipped.
     */
    public List<FolderTree> tree() {
        Map<String, String> wellKnownById = new HashMap<>();
        for (String name : WELL_KNOWN) {
            if (!name.equals(ROOT_FOLDER)) {
                try {
                    wellKnownById.put(mail.folder(name).id(), name);
                } catch (GraphException e) {
                    if (e.status() != 404 || e.code().contains("User")) {
                        throw e; // only a missing folder is skipped, not a missing mailbox
                    }
                }
            }
        }
        record Pending(MailFolder folder, String path) {
        }
        List<FolderTree> all = new ArrayList<>();
        Deque<Pending> todo = new ArrayDeque<>();
        for (MailFolder top : mail.childFolders(ROOT_FOLDER)) {
            String name = top.displayName();
            boolean shadowed = name != null && WELL_KNOWN.contains(name.toLowerCase(Locale.ROOT))
                    && !name.equalsIgnoreCase(wellKnownById.get(top.id()));
            todo.add(new Pending(top, shadowed ? null : child(null, name)));
        }
        while (!todo.isEmpty()) {
            Pending next = todo.poll();
            MailFolder f = next.folder();
            if (f.hidden()) {
                continue;
            }
            String path = next.path();
            // An account's folder is trimmed: a path that starts or ends with a space cannot be asked for.
            all.add(new FolderTree(f.id(), f.displayName(), path != null && path.equals(path.trim()) ? path : null,
                    wellKnownById.get(f.id()), f.totalItemCount() == null ? 0 : f.totalItemCount(),
                    f.unreadItemCount() == null ? 0 : f.unreadItemCount()));
            if (f.mayHaveChildren()) {
                for (MailFolder c : mail.childFolders(f.id())) {
                    todo.add(new Pending(c, path == null ? null : child(path, c.displayName())));
                }
            }
        }
        all.sort(FolderTree.BY_PATH);
        return all;
    }

    /** {@code parent/name}; null when the name cannot be a path segment (empty, holding a {@code /}) or too long. */
    private static String child(String parent, String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            return null;
        }
        String path = parent == null ? name : parent + "/" + name;
        return path.length() > MAX_PATH ? null : path;
    }

    private String resolve(String path, boolean create) {
        String[] segments = path.split("/");
        String id;
        int start;
        if (WELL_KNOWN.contains(segments[0].toLowerCase(Locale.ROOT))) {
            id = mail.folder(segments[0].toLowerCase(Locale.ROOT)).id();
            start = 1;
        } else {
            id = mail.folder(ROOT_FOLDER).id();
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
