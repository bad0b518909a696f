package io.exchangebridge.simulator.graph.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The folders and messages of one mailbox, plus what it sent through Graph. All methods are thread-safe; messages are
 * returned as immutable snapshots. This is also the fluent seeding and inspection API for tests.
 */
public final class MailboxStore {

    private final String upn;
    private final Clock clock;
    private final Map<String, MailFolder> folders = new LinkedHashMap<>();
    private final Map<String, StoredMessage> messages = new LinkedHashMap<>();
    private final List<SentMail> sent = new CopyOnWriteArrayList<>();
    private final MailListener listener;
    private long version;

    MailboxStore(String upn, Clock clock, MailListener listener) {
        this.upn = upn;
        this.clock = clock;
        this.listener = listener;
        MailFolder root = new MailFolder(GraphIds.folderId(), WellKnownFolder.MSGFOLDERROOT.displayName(),
                Optional.empty(), Optional.of(WellKnownFolder.MSGFOLDERROOT));
        folders.put(root.id(), root);
        for (WellKnownFolder wellKnown : WellKnownFolder.values()) {
            if (wellKnown != WellKnownFolder.MSGFOLDERROOT) {
                MailFolder folder = new MailFolder(GraphIds.folderId(), wellKnown.displayName(),
                        Optional.of(root.id()), Optional.of(wellKnown));
                folders.put(folder.id(), folder);
            }
        }
    }

    public String upn() {
        return upn;
    }

    // ---- folders

    /** A folder by id (case sensitive), well-known name, or display-name path such as {@code Inbox/Processed}. */
    public synchronized Optional<MailFolder> folder(String idOrName) {
        MailFolder byId = folders.get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        Optional<WellKnownFolder> wellKnown = WellKnownFolder.byName(idOrName);
        if (wellKnown.isPresent()) {
            return folders.values().stream().filter(f -> f.wellKnown().equals(wellKnown)).findFirst();
        }
        return byPath(idOrName);
    }

    /** A folder as a Graph URL names it: by id (case sensitive) or well-known name, not by display name. */
    public synchronized Optional<MailFolder> graphFolder(String idOrWellKnownName) {
        MailFolder byId = folders.get(idOrWellKnownName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return WellKnownFolder.byName(idOrWellKnownName).flatMap(
                wellKnown -> folders.values().stream().filter(f -> f.wellKnown().equals(Optional.of(wellKnown)))
                        .findFirst());
    }

    private Optional<MailFolder> byPath(String path) {
        MailFolder current = root();
        for (String name : path.split("/")) {
            String parentId = current.id();
            Optional<MailFolder> next = folders.values().stream()
                    .filter(f -> f.parentId().equals(Optional.of(parentId)) && f.displayName().equalsIgnoreCase(name))
                    .findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    public synchronized MailFolder root() {
        return folders.values().stream().filter(f -> f.parentId().isEmpty()).findFirst().orElseThrow();
    }

    /** The visible children of a folder, in creation order. */
    public synchronized List<MailFolder> children(String folderId) {
        return children(folderId, false);
    }

    /**
     * The children of a folder, in creation order; with {@code includeHidden} also those marked hidden (never the root
     * or Recoverable Items, which are outside the tree Graph lists).
     */
    public synchronized List<MailFolder> children(String folderId, boolean includeHidden) {
        return folders.values().stream().filter(f -> f.parentId().equals(Optional.of(folderId)) && !f.hidden()
                && (includeHidden || !f.hiddenFolder())).toList();
    }

    /**
     * Creates a child folder.
     *
     * @throws IllegalStateException
     *             when the parent already has a child of that name (Graph: {@code ErrorFolderExists})
     */
    public synchronized MailFolder createFolder(String parentId, String displayName) {
        return createFolder(parentId, displayName, false);
    }

    /**
     * Creates a child folder, marked hidden when {@code hidden} (as Exchange's own hidden folders, or one a client set
     * {@code isHidden} on).
     *
     * @throws IllegalStateException
     *             when the parent already has a child of that name (Graph: {@code ErrorFolderExists})
     */
    public synchronized MailFolder createFolder(String parentId, String displayName, boolean hidden) {
        MailFolder parent = folder(parentId).orElseThrow(() -> new IllegalArgumentException("No folder " + parentId));
        boolean exists = folders.values().stream().anyMatch(
                f -> f.parentId().equals(Optional.of(parent.id())) && f.displayName().equalsIgnoreCase(displayName));
        if (exists) {
            throw new IllegalStateException("A folder with the specified name already exists.");
        }
        MailFolder folder = new MailFolder(GraphIds.folderId(), displayName, Optional.of(parent.id()),
                Optional.empty(), hidden);
        folders.put(folder.id(), folder);
        return folder;
    }

    // ---- messages

    /** Starts seeding a message into a folder (id, well-known name or path), e.g. {@code inbox}. */
    public MessageSeed add(String folder) {
        return new MessageSeed(this, folder);
    }

    /** Seeds a message into the Inbox, received now and unread. */
    public StoredMessage deliver(byte[] mime) {
        return add("inbox").mime(mime);
    }

    synchronized StoredMessage store(String folder, byte[] mime, Optional<Instant> receivedAt, boolean read,
            boolean draft, Map<String, String> extendedProperties) {
        MailFolder target = folder(folder).orElseThrow(() -> new IllegalArgumentException("No folder " + folder));
        MimeSummary summary = MimeSummary.parse(mime);
        Instant now = now();
        StoredMessage message = new StoredMessage(GraphIds.immutableMessageId(), GraphIds.restMessageId(),
                target.id(), mime.clone(), summary, receivedAt.orElse(now).truncatedTo(ChronoUnit.SECONDS), now, now,
                read, summary.importance(), ++version, draft, extendedProperties);
        messages.put(message.immutableId(), message);
        tell("created", message);
        return message;
    }

    /** A message by its REST or immutable id (case sensitive). */
    public synchronized Optional<StoredMessage> message(String id) {
        StoredMessage byImmutable = messages.get(id);
        if (byImmutable != null) {
            return Optional.of(byImmutable);
        }
        return messages.values().stream().filter(m -> m.restId().equals(id)).findFirst();
    }

    /** The messages of a folder (id, well-known name or path), newest received first. */
    public synchronized List<StoredMessage> messages(String folder) {
        Optional<MailFolder> target = folder(folder);
        if (target.isEmpty()) {
            return List.of();
        }
        String folderId = target.get().id();
        return messages.values().stream().filter(m -> m.folderId().equals(folderId)).sorted(NEWEST_FIRST).toList();
    }

    /** Every message outside the hidden folders, newest first: what {@code /users/{u}/messages} lists. */
    public synchronized List<StoredMessage> allMessages() {
        List<StoredMessage> result = new ArrayList<>();
        for (StoredMessage message : messages.values()) {
            MailFolder folder = folders.get(message.folderId());
            if (folder != null && !folder.hidden()) {
                result.add(message);
            }
        }
        result.sort(NEWEST_FIRST);
        return result;
    }

    public static final Comparator<StoredMessage> NEWEST_FIRST = Comparator.comparing(StoredMessage::receivedAt)
            .thenComparing(StoredMessage::createdAt).reversed();

    /** Moves a message; it gets a new REST id, its immutable id stays. */
    public synchronized StoredMessage move(String messageId, String destinationFolder) {
        StoredMessage message = existing(messageId);
        MailFolder target = folder(destinationFolder)
                .orElseThrow(() -> new IllegalArgumentException("No folder " + destinationFolder));
        StoredMessage moved = message.movedTo(target.id(), now(), ++version);
        messages.put(moved.immutableId(), moved);
        tell("deleted", message);
        tell("created", moved);
        return moved;
    }

    public synchronized StoredMessage markRead(String messageId, boolean read) {
        StoredMessage updated = existing(messageId).withRead(read, now(), ++version);
        messages.put(updated.immutableId(), updated);
        tell("updated", updated);
        return updated;
    }

    public synchronized StoredMessage setImportance(String messageId, String importance) {
        StoredMessage updated = existing(messageId).withImportance(importance, now(), ++version);
        messages.put(updated.immutableId(), updated);
        tell("updated", updated);
        return updated;
    }

    /** A draft's content changed: its MIME rebuilt from the resource, its extended properties. */
    public synchronized StoredMessage updateDraft(String messageId, byte[] mime, Map<String, String> properties) {
        StoredMessage updated = existing(messageId).withDraftContent(mime, properties, now(), ++version);
        messages.put(updated.immutableId(), updated);
        tell("updated", updated);
        return updated;
    }

    /** A draft was sent: it leaves its folder for Sent Items with the MIME that was transmitted. */
    public synchronized StoredMessage draftSent(String messageId, byte[] mime) {
        StoredMessage draft = existing(messageId);
        MailFolder sentItems = folder(WellKnownFolder.SENTITEMS.graphName()).orElseThrow();
        StoredMessage sent = draft.sent(sentItems.id(), mime, now(), ++version);
        messages.put(sent.immutableId(), sent);
        tell("deleted", draft);
        tell("created", sent);
        return sent;
    }

    /** Graph's DELETE: the message leaves its folder for Recoverable Items (no longer listed anywhere). */
    public synchronized void delete(String messageId) {
        move(messageId, WellKnownFolder.RECOVERABLEITEMSDELETIONS.graphName());
    }

    private void tell(String changeType, StoredMessage message) {
        listener.changed(new MailListener.MailChange(upn, changeType, message, message.folderId()));
    }

    private StoredMessage existing(String id) {
        return message(id).orElseThrow(() -> new IllegalArgumentException("No message " + id));
    }

    // ---- sent mail

    void recordSent(SentMail mail) {
        sent.add(mail);
    }

    /** What this mailbox submitted through Graph {@code sendMail}, oldest first. */
    public List<SentMail> sent() {
        return List.copyOf(sent);
    }

    private Instant now() {
        return clock.instant();
    }
}
