package io.exchangebridge.simulator.testmail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

/** A node of a generated message's MIME tree, written straight to a stream. */
sealed interface MimePart permits MimePart.Leaf, MimePart.Multipart {

    /** Writes the part's own headers, the blank line and the body. */
    void writeTo(OutputStream out) throws IOException;

    /** Writes an already encoded body; it must end with CRLF. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A single part: its headers and its encoded body. */
    record Leaf(List<String> headers, Body body) implements MimePart {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (String header : headers) {
                MimeLines.line(out, header);
            }
            out.write(MimeLines.CRLF);
            body.writeTo(out);
        }
    }

    /** A multipart/{subtype} with its own boundary. */
    record Multipart(String subtype, String boundary, String extraParameters, List<MimePart> parts)
            implements
                MimePart {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            MimeLines.line(out, "Content-Type: multipart/" + subtype + ";" + extraParameters + "\r\n\tboundary=\""
                    + boundary + "\"");
            out.write(MimeLines.CRLF);
            for (MimePart part : parts) {
                MimeLines.line(out, "--" + boundary);
                part.writeTo(out);
            }
            MimeLines.line(out, "--" + boundary + "--");
        }
    }

    /** Base64 in 76-character lines, streamed. */
    static void base64(OutputStream out, Body raw) throws IOException {
        try (OutputStream encoder = Base64.getMimeEncoder().wrap(new NonClosing(out))) {
            raw.writeTo(encoder);
        }
        out.write(MimeLines.CRLF);
    }

    /** Quoted-printable; the input must use CRLF line breaks (hard breaks) and end with one. */
    static void quotedPrintable(OutputStream out, byte[] raw) throws IOException {
        try (OutputStream encoder = MimeUtility.encode(new NonClosing(out), "quoted-printable")) {
            encoder.write(raw);
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    /** Lets an encoder be closed (to flush its tail) without closing the message stream. */
    final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
