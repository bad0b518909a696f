package io.exchangebridge.smtp.submit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Byte and header-text work on raw MIME submissions, which are delivered as sent: line ends, the header block, the
 * decoded subject and a walk of the body's structure.
 */
final class RawMime {

    private RawMime() {
    }

    /** The decoded Subject header (encoded words resolved, folding undone), or null without one. */
    static String subject(InternetHeaders headers) {
        String value = headers.getHeader("Subject", null);
        if (value == null) {
            return null;
        }
        String unfolded = MimeUtility.unfold(value).trim();
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(unfolded)) {
            // an 8-bit header was read as ISO-8859-1: as clients send them today, it is UTF-8
            byte[] bytes = unfolded.getBytes(StandardCharsets.ISO_8859_1);
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return unfolded;
            }
        }
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException e) {
            return unfolded; // an unknown charset: the subject as written
        }
    }

    /** Parses every multipart of the message, to its depth limit; throws where the body does not match its type. */
    static void walk(Part part, int depth) throws MessagingException, IOException {
        if (depth > 20) {
            throw new MessagingException("too deep");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                walk(mp.getBodyPart(i), depth + 1);
            }
        }
    }

    /** A message parsed from its bytes, whose header block is read once and then used as it is. */
    static final class Parsed extends MimeMessage {

        Parsed(Session session, InputStream in) throws MessagingException {
            super(session, in);
        }

        InternetHeaders headers() {
            return headers;
        }
    }

    /**
     * Bare LF → CRLF (SMTP needs CRLF; Exchange would convert them anyway). Mail that already has CRLF line ends (what
     * SMTP clients send) is answered as it is, without a copy.
     */
    static byte[] toCrlf(byte[] raw) {
        int bare = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                bare++;
            }
        }
        if (bare == 0) {
            return raw;
        }
        byte[] out = new byte[raw.length + bare];
        int o = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out[o++] = '\r';
            }
            out[o++] = raw[i];
        }
        return out;
    }

    /** The header block without the header {@code lowerName} (its continuation lines included). */
    static String withoutHeader(String headerText, String lowerName) {
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        for (String line : headerText.split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (!continuation) {
                int colon = line.indexOf(':');
                skipping = colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerName);
            }
            if (!skipping) {
                kept.append(line).append("\r\n");
            }
        }
        return kept.toString();
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer : for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
