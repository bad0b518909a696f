package io.exchangebridge.smtp.submit;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/messages} as JSON. Addresses may carry a display name ({@code "Alice <a@b>"}); extra headers
 * are added as given (structural headers such as From or Content-Type are refused).
 */
public record SubmitRequest(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
        String subject, String text, String html, List<Attachment> attachments, Map<String, String> headers) {

    /** An attachment: file name, media type and the content in base64. */
    public record Attachment(String filename, String contentType, String content) {
    }
}
