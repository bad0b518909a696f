package io.exchangebridge.simulator.graph;

/** Small MIME messages for Graph tests. */
final class SampleMime {

    private SampleMime() {
    }

    static String plain(String subject, String messageId) {
        return "From: Carol Sender <carol@fabrikam.test>\r\n" + "To: Alice <alice@contoso.test>\r\n"
                + "Cc: dave@contoso.test\r\n" + "Reply-To: replies@fabrikam.test\r\n" + "Subject: " + subject + "\r\n"
                + "Date: Tue, 03 Nov 2026 10:15:00 +0000\r\n" + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n" + "\r\n"
                + "Hello Alice,\r\n\r\nthe invoice is attached.\r\n";
    }

    static String plain(String subject) {
        return plain(subject, "<" + subject.replace(' ', '-') + "@fabrikam.test>");
    }

    /** multipart/mixed with an html body, a PDF attachment and encoded subject, ISO-8859-1. */
    static String withAttachment() {
        return "From: =?ISO-8859-1?Q?J=FCrgen?= <juergen@fabrikam.test>\r\n" + "To: alice@contoso.test\r\n"
                + "Subject: =?ISO-8859-1?Q?Rechnung_f=FCr_M=E4rz?=\r\n" + "Date: Wed, 04 Nov 2026 08:00:00 +0100\r\n"
                + "Message-ID: <rechnung-1@fabrikam.test>\r\n" + "Importance: High\r\n" + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" + "\r\n" + "--b1\r\n"
                + "Content-Type: text/html; charset=ISO-8859-1\r\n" + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n" + "<p>Gr=FC=DFe</p>\r\n" + "--b1\r\n" + "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"r.pdf\"\r\n" + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n" + "JVBERi0xLjQK\r\n" + "--b1--\r\n";
    }
}
