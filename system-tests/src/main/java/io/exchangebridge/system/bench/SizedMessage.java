package io.exchangebridge.system.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** A MIME message of about the given size: a short text and one attachment of random bytes (incompressible). */
final class SizedMessage {

    private SizedMessage() {
    }

    static byte[] mime(long totalBytes, long seed) {
        String boundary = "bench-boundary-" + seed;
        String head = "From: erp@contoso.onmicrosoft.com\r\nTo: info@contoso.onmicrosoft.com\r\n"
                + "Subject: size benchmark " + seed + "\r\nMessage-ID: <size-" + seed + "-" + System.nanoTime()
                + "@bench.local>\r\nDate: Wed, 02 Dec 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe attachment is random bytes.\r\n--" + boundary
                + "\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        // base64 with 76-character lines: 78 bytes of MIME per 57 bytes of attachment
        long room = Math.max(0, totalBytes - head.length() - tail.length());
        byte[] attachment = new byte[(int) (room / 78 * 57)];
        new Random(seed).nextBytes(attachment);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) totalBytes + 1024);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder().encode(attachment));
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
