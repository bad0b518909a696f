package io.exchangebridge.simulator.graph.draft;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The drafts' written content and the open upload sessions of every mailbox. Thread-safe. */
public final class DraftStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Draft> drafts = new ConcurrentHashMap<>();
    private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();

    /** Remembers a new draft's content under the mailbox and the draft's immutable id. */
    public Draft create(String mailbox, String messageId, ObjectNode resource) {
        Draft draft = new Draft(resource.deepCopy());
        drafts.put(key(mailbox, messageId), draft);
        return draft;
    }

    public Optional<Draft> draft(String mailbox, String messageId) {
        return Optional.ofNullable(drafts.get(key(mailbox, messageId)));
    }

    /** The draft was sent or deleted: its content and open sessions go. */
    public void forget(String mailbox, String messageId) {
        drafts.remove(key(mailbox, messageId));
        sessions.values().removeIf(s -> s.mailbox().equalsIgnoreCase(mailbox) && s.messageId().equals(messageId));
    }

    public UploadSession openSession(String mailbox, String appId, String messageId, String name, String contentType,
            long size, boolean inline, String contentId, Instant now) {
        UploadSession session = new UploadSession(UUID.randomUUID().toString(), secret(), mailbox, appId, messageId,
                name, contentType, size, inline, contentId, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** An open, unexpired session; an expired one is dropped. */
    public Optional<UploadSession> session(String id, Instant now) {
        UploadSession session = sessions.get(id);
        if (session != null && session.expired(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public boolean closeSession(String id) {
        return sessions.remove(id) != null;
    }

    public void clear() {
        drafts.clear();
        sessions.clear();
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String mailbox, String messageId) {
        return mailbox.toLowerCase(Locale.ROOT) + "|" + messageId;
    }
}
