package io.exchangebridge.simulator.testmail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A ready set of named samples covering every kind of message the generator makes, for import tests. */
public final class TestMailCorpus {

    /** Size of the attachment in {@link #largeAttachment(long)}: 50 MB. */
    public static final long LARGE_ATTACHMENT_SIZE = 50L * 1024 * 1024;

    private static final String FROM = "alice@contoso.onmicrosoft.com";
    private static final String TO = "bob@contoso.onmicrosoft.com";

    private TestMailCorpus() {
    }

    /** Every kind except the 50 MB one (see {@link #largeAttachment(long)}); all small enough to hold in memory. */
    public static List<TestMailSample> standard(long seed) {
        return List.of(
                sample("plain-text", "text/plain UTF-8 with a line starting with a dot (SMTP dot-stuffing)",
                        base(seed).subject("Plain text").text("Hello Bob,\n\n.leading dot line\nRegards\n")),
                sample("alternative", "multipart/alternative text + HTML",
                        base(seed + 1).subject("Text and HTML").text("Hello *Bob*")
                                .html("<html><body><p>Hello <b>Bob</b></p></body></html>")),
                sample("inline-image", "multipart/related HTML with a cid: PNG",
                        base(seed + 2).subject("Logo inside").text("See the logo")
                                .html("<html><body><img src=\"cid:image001.png@01DC0000.5A1B2C30\"></body></html>")
                                .inlineImage("image001.png@01DC0000.5A1B2C30")),
                sample("attachment-1k", "multipart/mixed with a 1 KB PDF",
                        base(seed + 3).subject("Small attachment").attachment("invoice.pdf", "application/pdf", 1024)),
                sample("attachment-1m", "multipart/mixed with a 1 MB binary",
                        base(seed + 4).subject("Medium attachment").attachment("data.bin",
                                "application/octet-stream", 1024 * 1024)),
                sample("iso-8859-1", "text/plain ISO-8859-1, quoted-printable, Q-encoded subject",
                        base(seed + 5).headerEncoding(StandardCharsets.ISO_8859_1, 'Q')
                                .subject("Gr\u00fc\u00dfe aus M\u00fcnchen")
                                .text("Sch\u00f6ne Gr\u00fc\u00dfe, \u00e0 bient\u00f4t\n",
                                        StandardCharsets.ISO_8859_1)),
                sample("windows-1252", "text/plain windows-1252 with \u20ac and curly quotes",
                        base(seed + 6).headerEncoding(Charset.forName("windows-1252"), 'Q')
                                .subject("Rechnung \u20ac 42")
                                .text("Betrag: \u201e42 \u20ac\u201c \u2013 danke\n", Charset.forName("windows-1252"))),
                sample("iso-2022-jp", "text/plain ISO-2022-JP (7bit), B-encoded ISO-2022-JP subject",
                        base(seed + 7).headerEncoding(Charset.forName("ISO-2022-JP"), 'B')
                                .subject("\u4f1a\u8b70\u306e\u304a\u77e5\u3089\u305b")
                                .text("\u3053\u3093\u306b\u3061\u306f\u3001\u4f1a\u8b70\u306f\u660e\u65e5\u3067\u3059\u3002\n",
                                        Charset.forName("ISO-2022-JP"))),
                sample("rfc2047-long-subject", "a long UTF-8 subject split into several encoded-words",
                        base(seed + 8).subject(
                                "\u00dcbersicht \u00fcber die Quartalsergebnisse \u2013 bitte bis Freitag pr\u00fcfen und freigeben \u2705")),
                sample("rfc2231-filename", "attachment with a long non-ASCII file name (RFC 2231 continuations)",
                        base(seed + 9).subject("Vertrag").attachment(
                                "Vertrags\u00fcbersicht f\u00fcr Kunden M\u00fcller & S\u00f6hne \u2013 endg\u00fcltige Fassung.pdf",
                                "application/pdf", 2048)),
                sample("nested-rfc822", "a forwarded message attached as message/rfc822",
                        base(seed + 10).subject("Fwd: Original").text("See the attached original.")
                                .attachMessage(base(seed + 100).subject("Original").text("The original text.")
                                        .attachment("original.txt", "text/plain", 512).build())),
                sample("calendar-invite", "meeting request: alternative text + HTML + text/calendar METHOD:REQUEST",
                        base(seed + 11).subject("Planning meeting").text("Please join").html("<p>Please join</p>")
                                .calendarInvite(new CalendarInvite("040000008200E00074C5B7101A82E008" + seed,
                                        "Planning meeting", Instant.parse("2026-12-01T09:00:00Z"),
                                        Duration.ofMinutes(30), FROM, List.of(TO)))),
                sample("missing-message-id", "no Message-ID header",
                        base(seed + 12).subject("No id").withoutMessageId()),
                sample("header-without-colon", "a header line without a colon",
                        base(seed + 13).subject("Broken header").malformed(Malformation.HEADER_WITHOUT_COLON)),
                sample("unterminated-encoded-word", "Subject with an encoded-word missing its ?=",
                        base(seed + 14).subject("Caf\u00e9 order").malformed(Malformation.UNTERMINATED_ENCODED_WORD)),
                sample("eight-bit-header", "raw ISO-8859-1 bytes in Subject and From",
                        base(seed + 15).subject("Bestellbest\u00e4tigung f\u00fcr M\u00fcller")
                                .malformed(Malformation.EIGHT_BIT_HEADER)));
    }

    /** A message with one 50 MB attachment, generated while written: stream it with {@link TestMail#writeTo}. */
    public static TestMailSample largeAttachment(long seed) {
        return sample("attachment-50m", "multipart/mixed with a 50 MB attachment (streamed)",
                base(seed).subject("Large attachment").attachment("archive.zip", "application/zip",
                        LARGE_ATTACHMENT_SIZE));
    }

    /** A sample by name from {@link #standard(long)}. */
    public static Optional<TestMailSample> byName(long seed, String name) {
        return standard(seed).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static TestMail.Builder base(long seed) {
        return TestMail.builder(seed).from(FROM, "Alice Example").to(TO);
    }

    private static TestMailSample sample(String name, String description, TestMail.Builder builder) {
        return new TestMailSample(name, description, builder.build());
    }
}
