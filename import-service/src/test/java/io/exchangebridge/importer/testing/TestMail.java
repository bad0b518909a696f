package io.exchangebridge.importer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Varied MIME messages for tests (the simulator's corpus is on another branch, not merged yet). */
public final class TestMail {

    private TestMail() {
    }

    /** A plain text message with a unique Message-ID. */
    public static byte[] plain(String tag, int n) {
        return ("Message-ID: <" + tag + "-" + n + "@test.example>\r\n"
                + "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
                + "From: \"Sender " + n + "\" <sender" + n + "@example.com>\r\n"
                + "To: alice@contoso.onmicrosoft.com\r\n"
                + "Subject: " + tag + " message " + n + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Body of " + tag + " " + n + ".\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} plain messages numbered from {@code first}. */
    public static List<byte[]> plain(String tag, int first, int count) {
        List<byte[]> all = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            all.add(plain(tag, i));
        }
        return all;
    }

    /** A varied set: encoded words, folded headers, LF-only line ends, attachments, nested message, 8bit. */
    public static byte[][] corpus(String tag) {
        byte[] pdf = new byte[3000];
        new Random(42).nextBytes(pdf);
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pdf);
        return new byte[][]{
                plain(tag, 0),
                ("Message-ID: <" + tag + "-enc@test.example>\r\n"
                        + "Date: Tue, 3 Nov 2026 08:30:00 +0100\r\n"
                        + "From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <juergen@example.de>\r\n"
                        + "To: alice@contoso.onmicrosoft.com,\r\n \"Bob B\" <bob@contoso.onmicrosoft.com>\r\n"
                        + "Cc: carol@example.com\r\n"
                        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=FC=DFe!\r\n"
                        + "--b1\r\nContent-Type: application/pdf; name=\"rechnung.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"rechnung.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n"
                        + "--b1\r\nContent-Type: text/csv; name=\"=?UTF-8?Q?=C3=BCbersicht.csv?=\"\r\n"
                        + "Content-Disposition: attachment\r\n\r\na;b\r\n1;2\r\n"
                        + "--b1--\r\n").getBytes(StandardCharsets.UTF_8),
                ("Message-ID: <" + tag + "-lf@test.example>\n"
                        + "Date: Wed, 4 Nov 2026 12:00:00 -0500\n"
                        + "From: lf@example.com\n"
                        + "To: alice@contoso.onmicrosoft.com\n"
                        + "Subject: LF only line ends and a very long folded subject that goes on and on and\n"
                        + " continues on the next line\n"
                        + "Content-Type: text/html; charset=utf-8\n"
                        + "Content-Transfer-Encoding: 8bit\n\n<p>Schöne Grüße ✓</p>\n")
                        .getBytes(StandardCharsets.UTF_8),
                ("Message-ID: <" + tag + "-nested@test.example>\r\n"
                        + "Date: Thu, 5 Nov 2026 09:00:00 +0000\r\n"
                        + "From: fwd@example.com\r\n"
                        + "To: alice@contoso.onmicrosoft.com\r\n"
                        + "Subject: Fwd: original\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                        + "--outer\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                        + "--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                        + "From: orig@example.com\r\nSubject: original\r\nContent-Type: text/plain\r\n\r\nHi\r\n"
                        + "--outer\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename=\"logo.png\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
                        + "--outer--\r\n").getBytes(StandardCharsets.UTF_8),
                ("Date: Fri, 6 Nov 2026 07:00:00 +0000\r\n"
                        + "From: no-id@example.com\r\n"
                        + "To: alice@contoso.onmicrosoft.com\r\n"
                        + "Subject: no Message-ID header\r\n\r\nExchange assigns one.\r\n")
                        .getBytes(StandardCharsets.UTF_8)};
    }
}
