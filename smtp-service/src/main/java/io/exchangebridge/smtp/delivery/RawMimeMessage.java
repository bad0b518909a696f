package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message whose bytes are written exactly as stored: Angus Mail's SMTP transport then sends the stored MIME byte for
 * byte (dot-stuffing aside), so the body Exchange receives equals what was accepted.
 */
final class RawMimeMessage extends SMTPMessage {

    private final byte[] mime;
    private volatile boolean written;

    RawMimeMessage(Session session, String envelopeFrom, byte[] mime) {
        super(session);
        this.mime = mime;
        setEnvelopeFrom(envelopeFrom);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        written = true;
        os.write(mime);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        written = true;
        os.write(mime);
    }

    /** True once any of the message was handed to the connection (after DATA's 354): Exchange may then have it. */
    boolean written() {
        return written;
    }

    @Override
    public int getSize() {
        return mime.length;
    }
}
