package io.exchangebridge.simulator.graph.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Fluent seeding of one message: {@code store.mailbox(upn).add("inbox").receivedAt(t).read(true).mime(bytes)}. */
public final class MessageSeed {

    private final MailboxStore mailbox;
    private final String folder;
    private Optional<Instant> receivedAt = Optional.empty();
    private boolean read;
    private boolean draft;
    private Map<String, String> extendedProperties = Map.of();

    MessageSeed(MailboxStore mailbox, String folder) {
        this.mailbox = mailbox;
        this.folder = folder;
    }

    /** {@code receivedDateTime}; default: now. */
    public MessageSeed receivedAt(Instant instant) {
        this.receivedAt = Optional.of(instant);
        return this;
    }

    /** {@code isRead}; default: false. */
    public MessageSeed read(boolean isRead) {
        this.read = isRead;
        return this;
    }

    /** {@code isDraft}; default: false. */
    public MessageSeed draft(boolean isDraft) {
        this.draft = isDraft;
        return this;
    }

    /** {@code singleValueExtendedProperties} by property id; default: none. */
    public MessageSeed extendedProperties(Map<String, String> properties) {
        this.extendedProperties = Map.copyOf(properties);
        return this;
    }

    /** Stores the raw MIME byte-exact and returns the stored message. */
    public StoredMessage mime(byte[] mime) {
        return mailbox.store(folder, mime, receivedAt, read, draft, extendedProperties);
    }

    /** Stores MIME given as text (ASCII/ISO-8859-1 bytes kept as they are). */
    public StoredMessage mime(String mime) {
        return mime(mime.getBytes(StandardCharsets.ISO_8859_1));
    }
}
