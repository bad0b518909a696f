package io.exchangebridge.simulator.graph.draft;

import java.time.Instant;

/**
 * A file attachment of a draft: added with {@code POST .../attachments} (under 3 MB) or completed by an upload session,
 * kept byte-exact until the draft is sent.
 *
 * @param contentId
 *            the {@code contentId} of an inline attachment, or null
 */
public record DraftAttachment(String id, String name, String contentType, byte[] bytes, boolean inline,
        String contentId, Instant lastModified) {

    public long size() {
        return bytes.length;
    }
}
