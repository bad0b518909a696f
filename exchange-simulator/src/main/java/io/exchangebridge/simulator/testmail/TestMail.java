package io.exchangebridge.simulator.testmail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A generated test message: raw RFC 822 bytes, produced on demand so that big ones are streamed and never held in
 * memory. The same seed and builder calls always give the same bytes. Thread-safe (immutable).
 *
 * <pre>{@code
 * TestMail mail = TestMail.builder(42).from("alice@contoso.com", "Alice").to("bob@contoso.com")
 *         .subject("Quarterly report").text("Hello").html("<p>Hello</p>")
 *         .attachment("report.pdf", "application/pdf", 1024 * 1024).build();
 * mail.writeTo(outputStream);
 * }</pre>
 */
public final class TestMail {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final List<byte[]> headers;
    private final MimePart body;
    private final Optional<String> messageId;
    private final String subject;
    private final Set<Malformation> malformations;

    private TestMail(List<byte[]> headers, MimePart body, Optional<String> messageId, String subject,
            Set<Malformation> malformations) {
        this.headers = headers;
        this.body = body;
        this.messageId = messageId;
        this.subject = subject;
        this.malformations = malformations;
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Writes the whole message; attachments are generated while writing. */
    public void writeTo(OutputStream out) throws IOException {
        for (byte[] header : headers) {
            out.write(header);
            out.write(MimeLines.CRLF);
        }
        body.writeTo(out);
    }

    /** The message in memory; prefer {@link #writeTo} for big messages. */
    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The size in bytes, computed by generating the message into a counter. */
    public long size() {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try {
            writeTo(counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** The Message-ID header value, empty when the message was built without one. */
    public Optional<String> messageId() {
        return messageId;
    }

    /** The subject as intended, before any encoding. */
    public String subject() {
        return subject;
    }

    /** The defects deliberately put into this message. */
    public Set<Malformation> malformations() {
        return malformations;
    }

    /** Collects the parts of a message; {@link #build()} draws every random value from the seed, in order. */
    public static final class Builder {

        private final SplittableRandom random;
        private String fromAddress = "alice@contoso.onmicrosoft.com";
        private String fromName = "Alice Example";
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private String subject;
        private Charset headerCharset = StandardCharsets.UTF_8;
        private char headerEncoding = 'B';
        private Instant date;
        private boolean withMessageId = true;
        private String text;
        private Charset textCharset = StandardCharsets.UTF_8;
        private String html;
        private CalendarInvite invite;
        private final List<String> inlineImages = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();
        private final List<TestMail> attachedMessages = new ArrayList<>();
        private final List<String> extraHeaders = new ArrayList<>();
        private final Set<Malformation> malformations = EnumSet.noneOf(Malformation.class);

        private record Attachment(String filename, String contentType, long size, byte[] content) {
        }

        private Builder(long seed) {
            this.random = new SplittableRandom(seed);
        }

        public Builder from(String address, String displayName) {
            this.fromAddress = address;
            this.fromName = displayName;
            return this;
        }

        public Builder to(String... addresses) {
            to.addAll(List.of(addresses));
            return this;
        }

        public Builder cc(String... addresses) {
            cc.addAll(List.of(addresses));
            return this;
        }

        /** Encoded per RFC 2047 with the header charset when not plain ASCII. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Charset and encoding ('B' or 'Q') of RFC 2047 encoded-words in Subject and display names. */
        public Builder headerEncoding(Charset charset, char encoding) {
            if (encoding != 'B' && encoding != 'Q') {
                throw new IllegalArgumentException("encoding must be B or Q");
            }
            this.headerCharset = charset;
            this.headerEncoding = encoding;
            return this;
        }

        public Builder date(Instant date) {
            this.date = date;
            return this;
        }

        /** Leaves out the Message-ID header, as some devices and scripts do. */
        public Builder withoutMessageId() {
            this.withMessageId = false;
            return this;
        }

        public Builder text(String text) {
            return text(text, StandardCharsets.UTF_8);
        }

        /** The text/plain body in the given charset (e.g. ISO-8859-1, windows-1252, ISO-2022-JP). */
        public Builder text(String text, Charset charset) {
            this.text = text;
            this.textCharset = charset;
            return this;
        }

        /** A text/html body; with a text body too, the message becomes multipart/alternative. */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        /** A text/calendar METHOD:REQUEST alternative, as Outlook sends meeting requests. */
        public Builder calendarInvite(CalendarInvite invite) {
            this.invite = invite;
            return this;
        }

        /** A small PNG referenced from the HTML as {@code cid:contentId} (multipart/related). */
        public Builder inlineImage(String contentId) {
            inlineImages.add(contentId);
            return this;
        }

        /** An attachment of {@code size} seeded random bytes, generated while writing (1 KB to 50 MB and more). */
        public Builder attachment(String filename, String contentType, long size) {
            attachments.add(new Attachment(filename, contentType, size, null));
            return this;
        }

        public Builder attachment(String filename, String contentType, byte[] content) {
            attachments.add(new Attachment(filename, contentType, content.length, content.clone()));
            return this;
        }

        /** Attaches another message as message/rfc822. */
        public Builder attachMessage(TestMail message) {
            attachedMessages.add(message);
            return this;
        }

        /** A header line as given, e.g. {@code X-Mailer: Scanner 3000}. */
        public Builder header(String line) {
            extraHeaders.add(line);
            return this;
        }

        public Builder malformed(Malformation... defects) {
            malformations.addAll(List.of(defects));
            return this;
        }

        public TestMail build() {
            String theSubject = subject != null ? subject : RandomContent.prose(random, 1).strip();
            Instant theDate = date != null
                    ? date
                    : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(365L * 24 * 3600));
            String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
            String id = "<" + hex(16) + "@" + domain + ">";
            List<byte[]> headers = new ArrayList<>();
            headers.add(fromHeader());
            if (!to.isEmpty()) {
                headers.add(ascii("To: " + String.join(", ", to)));
            }
            if (!cc.isEmpty()) {
                headers.add(ascii("Cc: " + String.join(", ", cc)));
            }
            headers.add(subjectHeader(theSubject));
            headers.add(ascii("Date: " + RFC_5322.format(theDate)));
            if (withMessageId) {
                headers.add(ascii("Message-ID: " + id));
            }
            if (malformations.contains(Malformation.HEADER_WITHOUT_COLON)) {
                headers.add(ascii("X-Broken-Header this line has no colon"));
            }
            extraHeaders.forEach(h -> headers.add(ascii(h)));
            headers.add(ascii("MIME-Version: 1.0"));
            return new TestMail(List.copyOf(headers), body(), withMessageId ? Optional.of(id) : Optional.empty(),
                    theSubject, Set.copyOf(malformations));
        }

        private byte[] fromHeader() {
            if (malformations.contains(Malformation.EIGHT_BIT_HEADER)) {
                return ("From: J\u00fcrgen M\u00fcller <" + fromAddress + ">").getBytes(StandardCharsets.ISO_8859_1);
            }
            String name = HeaderEncoding.isPrintableAscii(fromName)
                    ? "\"" + fromName + "\""
                    : HeaderEncoding.encodeWords(fromName, headerCharset, headerEncoding);
            return ascii("From: " + name + " <" + fromAddress + ">");
        }

        private byte[] subjectHeader(String theSubject) {
            if (malformations.contains(Malformation.EIGHT_BIT_HEADER)) {
                return ("Subject: " + theSubject).getBytes(StandardCharsets.ISO_8859_1);
            }
            if (malformations.contains(Malformation.UNTERMINATED_ENCODED_WORD)) {
                String encoded = HeaderEncoding.encodeWords(theSubject + " \u00e9", StandardCharsets.UTF_8, 'B');
                String first = encoded.split("\r\n ")[0];
                return ascii("Subject: " + first.substring(0, first.length() - 2));
            }
            return ascii("Subject: " + HeaderEncoding.encodeWords(theSubject, headerCharset, headerEncoding));
        }

        private MimePart body() {
            List<MimePart> alternatives = new ArrayList<>();
            if (text != null || html == null) {
                String theText = text != null ? text : RandomContent.prose(random, 6);
                alternatives.add(textPart("plain", theText, textCharset, ""));
            }
            if (html != null) {
                alternatives.add(textPart("html", html, StandardCharsets.UTF_8, ""));
            }
            if (invite != null) {
                alternatives.add(textPart("calendar", invite.toICalendar(), StandardCharsets.UTF_8,
                        "; method=REQUEST"));
            }
            MimePart core = alternatives.size() == 1
                    ? alternatives.get(0)
                    : new MimePart.Multipart("alternative", boundary(), "", alternatives);
            if (!inlineImages.isEmpty()) {
                List<MimePart> related = new ArrayList<>();
                related.add(core);
                for (String cid : inlineImages) {
                    related.add(inlineImagePart(cid));
                }
                core = new MimePart.Multipart("related", boundary(), "\r\n\ttype=\"multipart/alternative\";",
                        related);
            }
            if (attachments.isEmpty() && attachedMessages.isEmpty()) {
                return core;
            }
            List<MimePart> mixed = new ArrayList<>();
            mixed.add(core);
            for (Attachment attachment : attachments) {
                mixed.add(attachmentPart(attachment, random.nextLong()));
            }
            for (TestMail message : attachedMessages) {
                mixed.add(new MimePart.Leaf(List.of("Content-Type: message/rfc822", "Content-Disposition: attachment"),
                        message::writeTo));
            }
            return new MimePart.Multipart("mixed", boundary(), "", mixed);
        }

        private MimePart textPart(String subtype, String content, Charset charset, String extraParameters) {
            byte[] raw = MimeLines.crlf(content.endsWith("\n") ? content : content + "\n").getBytes(charset);
            boolean sevenBit = charset.name().equals("ISO-2022-JP") || HeaderEncoding.isPrintableAscii(
                    content.replace("\r", "").replace("\n", "").replace("\t", ""));
            List<String> partHeaders = List.of(
                    "Content-Type: text/" + subtype + "; charset=\"" + charset.name().toLowerCase(Locale.ROOT) + "\""
                            + extraParameters,
                    "Content-Transfer-Encoding: " + (sevenBit ? "7bit" : "quoted-printable"));
            return new MimePart.Leaf(partHeaders,
                    sevenBit ? out -> out.write(raw) : out -> MimePart.quotedPrintable(out, raw));
        }

        private MimePart inlineImagePart(String cid) {
            byte[] png = RandomContent.png(random.nextLong(), 16, 16);
            String name = cid.contains("@") ? cid.substring(0, cid.indexOf('@')) : cid;
            return new MimePart.Leaf(List.of("Content-Type: image/png; name=\"" + name + "\"",
                    "Content-Description: " + name, "Content-Disposition: inline; filename=\"" + name + "\"",
                    "Content-ID: <" + cid + ">", "Content-Transfer-Encoding: base64"),
                    out -> MimePart.base64(out, o -> o.write(png)));
        }

        private MimePart attachmentPart(Attachment attachment, long contentSeed) {
            String name = HeaderEncoding.isPrintableAscii(attachment.filename())
                    ? "\"" + attachment.filename() + "\""
                    : "\"" + HeaderEncoding.encodeWords(attachment.filename(), StandardCharsets.UTF_8, 'B') + "\"";
            MimePart.Body raw = attachment.content() != null
                    ? o -> o.write(attachment.content())
                    : o -> RandomContent.writeBytes(contentSeed, attachment.size(), o);
            return new MimePart.Leaf(List.of("Content-Type: " + attachment.contentType() + ";\r\n\tname=" + name,
                    "Content-Disposition: attachment;\r\n\t"
                            + HeaderEncoding.parameter("filename", attachment.filename()) + ";\r\n\tsize="
                            + attachment.size(),
                    "Content-Transfer-Encoding: base64"), out -> MimePart.base64(out, raw));
        }

        private String boundary() {
            return "_000_" + hex(12).toUpperCase(Locale.ROOT) + "_";
        }

        private String hex(int bytes) {
            byte[] b = new byte[bytes];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
