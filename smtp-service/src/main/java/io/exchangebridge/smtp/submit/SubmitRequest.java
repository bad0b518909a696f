package io.exchangebridge.smtp.submit;

import java.util.List;
import java.util.Map;

import io.exchangebridge.foundation.text.MultiLineText;

/**
 * Body of {@code POST /api/messages} as JSON. Addresses may carry a display name ({@code "Alice <a@b>"}); extra headers
 * are added as given (structural headers such as From or Content-Type are refused). Only the bodies and the base64
 * content of attachments may hold line breaks and tabs; every other text is single-line ({@link MultiLineText}).
 */
public record SubmitRequest(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
        String subject, @MultiLineText String text, @MultiLineText String html, List<Attachment> attachments,
        Map<String, String> headers) {

    /** An attachment: file name, media type and the content in base64. */
    public record Attachment(String filename, String contentType, @MultiLineText String content) {
    }
}
