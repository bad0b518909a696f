package io.exchangebridge.smtp.lifecycle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Replaces the {@code Message-ID} header of stored MIME (CRLF line ends, as intake stores it), leaving every other byte
 * as it was: a resend asked to get a new Message-ID must still send the same message.
 */
final class MessageIdHeader {

    private MessageIdHeader() {
    }

    static byte[] replace(byte[] mime, String messageId) {
        int end = headerEnd(mime);
        String header = new String(mime, 0, end, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(header.length() + 80);
        out.append("Message-ID: ").append(messageId).append("\r\n");
        boolean skipping = false;
        for (String line : header.split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (!continuation) {
                skipping = line.toLowerCase(Locale.ROOT).startsWith("message-id:");
            }
            if (!skipping) {
                out.append(line).append("\r\n");
            }
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream(mime.length + 80);
        result.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        result.write(mime, end, mime.length - end);
        return result.toByteArray();
    }

    /** The offset of the CRLF that ends the header section (the empty line), or the end when there is no body. */
    private static int headerEnd(byte[] mime) {
        for (int i = 0; i + 3 < mime.length; i++) {
            if (mime[i] == '\r' && mime[i + 1] == '\n' && mime[i + 2] == '\r' && mime[i + 3] == '\n') {
                return i + 2;
            }
        }
        return mime.length;
    }
}
