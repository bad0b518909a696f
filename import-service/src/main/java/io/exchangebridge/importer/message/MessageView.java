package io.exchangebridge.importer.message;

import java.time.Instant;
import java.util.List;

/** Metadata of an imported message as the delivery API shows it. */
public record MessageView(long id, String mailboxId, String graphId, String internetMessageId, String subject,
        String from, List<String> to, List<String> cc, Instant date, long size, String sha256,
        List<AttachmentView> attachments, String status, Instant importedAt, Instant ackedAt) {

    /** An attachment, addressed as {@code /api/messages/{id}/attachments/{index}}. */
    public record AttachmentView(int index, String name, String contentType) {
    }
}
