package io.exchangebridge.importer.message;

import java.time.Instant;
import java.util.List;

/** What the streaming parse found in a message's top-level header and parts. */
public record MimeMetadata(String messageId, String subject, String from, List<String> to, List<String> cc,
        Instant date, List<Attachment> attachments) {

    /** An attachment: file name (may be null) and content type. */
    public record Attachment(String name, String contentType) {
    }
}
