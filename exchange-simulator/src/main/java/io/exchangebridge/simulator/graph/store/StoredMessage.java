package io.exchangebridge.simulator.graph.store;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One message in a mailbox: the raw MIME exactly as uploaded or received, what Graph derives from it, and the mutable
 * state Graph clients change. Instances are snapshots; the {@link MailboxStore} replaces them on every change.
 *
 * @param immutableId
 *            the id returned with {@code Prefer: IdType="ImmutableId"}; never changes
 * @param restId
 *            the default id; a new one is assigned on every move
 * @param folderId
 *            the folder that holds the message
 * @param mime
 *            the raw RFC 822 bytes, served byte-exact by {@code $value}
 * @param summary
 *            the Graph properties derived from the MIME
 * @param receivedAt
 *            {@code receivedDateTime}
 * @param createdAt
 *            {@code createdDateTime}
 * @param modifiedAt
 *            {@code lastModifiedDateTime}
 * @param read
 *            {@code isRead}
 * @param importance
 *            {@code importance}: derived from the MIME, changeable by PATCH
 * @param version
 *            increases with every change; the basis of {@code changeKey} and of delta sync
 * @param draft
 *            {@code isDraft}: created by {@code POST /messages} and not sent yet
 * @param extendedProperties
 *            {@code singleValueExtendedProperties} by property id, as the client wrote them
 */
public record StoredMessage(String immutableId, String restId, String folderId, byte[] mime, MimeSummary summary,
        Instant receivedAt, Instant createdAt, Instant modifiedAt, boolean read, String importance, long version,
        boolean draft, Map<String, String> extendedProperties) {

    public StoredMessage {
        extendedProperties = Map.copyOf(extendedProperties);
    }

    /** A single-value extended property by id; Graph compares ids case-insensitively. */
    public Optional<String> extendedProperty(String propertyId) {
        return extendedProperties.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(propertyId))
                .map(Map.Entry::getValue).findFirst();
    }

    public long size() {
        return mime.length;
    }

    /** Graph's {@code changeKey} (and {@code @odata.etag}), new with every change. */
    public String changeKey() {
        return "CQAAABYAAA" + HexFormat.of().toHexDigits(version).toUpperCase(Locale.ROOT);
    }

    /** Either id Graph accepts in a URL; both are case sensitive. */
    public boolean hasId(String id) {
        return restId.equals(id) || immutableId.equals(id);
    }

    StoredMessage movedTo(String folder, Instant now, long newVersion) {
        return new StoredMessage(immutableId, GraphIds.restMessageId(), folder, mime, summary, receivedAt, createdAt,
                now, read, importance, newVersion, draft, extendedProperties);
    }

    StoredMessage withRead(boolean isRead, Instant now, long newVersion) {
        return new StoredMessage(immutableId, restId, folderId, mime, summary, receivedAt, createdAt, now, isRead,
                importance, newVersion, draft, extendedProperties);
    }

    StoredMessage withImportance(String newImportance, Instant now, long newVersion) {
        return new StoredMessage(immutableId, restId, folderId, mime, summary, receivedAt, createdAt, now, read,
                newImportance, newVersion, draft, extendedProperties);
    }

    /** A draft's new content: its MIME rebuilt from the changed resource, and its extended properties. */
    StoredMessage withDraftContent(byte[] newMime, Map<String, String> properties, Instant now, long newVersion) {
        MimeSummary newSummary = MimeSummary.parse(newMime);
        return new StoredMessage(immutableId, restId, folderId, newMime.clone(), newSummary, receivedAt, createdAt,
                now, read, newSummary.importance(), newVersion, draft, properties);
    }

    /** The draft as sent: in Sent Items with the MIME that left, no longer a draft, a new REST id. */
    StoredMessage sent(String sentItems, byte[] sentMime, Instant now, long newVersion) {
        MimeSummary newSummary = MimeSummary.parse(sentMime);
        return new StoredMessage(immutableId, GraphIds.restMessageId(), sentItems, sentMime.clone(), newSummary, now,
                createdAt, now, true, newSummary.importance(), newVersion, false, extendedProperties);
    }
}
