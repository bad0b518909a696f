package io.exchangebridge.simulator.testmail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes CRLF-terminated lines: everything on the wire of an RFC 822 message ends lines with CRLF. */
final class MimeLines {

    static final byte[] CRLF = {'\r', '\n'};

    private MimeLines() {
    }

    static void line(OutputStream out, String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
    }

    /** Text with LF or CRLF line breaks, normalised to CRLF. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
