package io.exchangebridge.simulator.testmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** Parses every corpus sample back with Angus Mail and checks it has the structure (or the defect) intended. */
class TestMailCorpusTest {

    private static final long SEED = 20261122L;
    private static final Session SESSION = Session.getInstance(new Properties());

    private final List<TestMailSample> corpus = TestMailCorpus.standard(SEED);

    @Test
    void everySampleParsesAndEveryPartDecodes() throws Exception {
        assertThat(corpus).hasSize(16);
        assertThat(corpus).extracting(TestMailSample::name).doesNotHaveDuplicates();
        for (TestMailSample sample : corpus) {
            MimeMessage message = parse(sample);
            assertThat(message.getFrom()).as(sample.name()).isNotEmpty();
            assertThat(decodeAll(message)).as(sample.name()).isPositive();
            byte[] raw = sample.mail().toByteArray();
            assertThat(new String(raw, StandardCharsets.ISO_8859_1)).as(sample.name() + " uses CRLF only")
                    .doesNotContainPattern("[^\r]\n");
        }
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDifferentOnes() {
        List<TestMailSample> again = TestMailCorpus.standard(SEED);
        for (int i = 0; i < corpus.size(); i++) {
            assertThat(again.get(i).mail().toByteArray()).as(corpus.get(i).name())
                    .isEqualTo(corpus.get(i).mail().toByteArray());
        }
        assertThat(TestMailCorpus.standard(SEED + 1).get(0).mail().toByteArray())
                .isNotEqualTo(corpus.get(0).mail().toByteArray());
    }

    @Test
    void plainTextKeepsTheLeadingDotLineAndTheMessageId() throws Exception {
        TestMailSample sample = sample("plain-text");
        MimeMessage message = parse(sample);
        assertThat(message.isMimeType("text/plain")).isTrue();
        assertThat((String) message.getContent()).contains("\r\n.leading dot line\r\n");
        assertThat(message.getMessageID()).isEqualTo(sample.mail().messageId().orElseThrow());
    }

    @Test
    void alternativeHasTextThenHtml() throws Exception {
        Multipart alternative = multipart(parse(sample("alternative")), "multipart/alternative");
        assertThat(types(alternative)).containsExactly("text/plain", "text/html");
    }

    @Test
    void inlineImageIsARelatedPngWithContentId() throws Exception {
        Multipart related = multipart(parse(sample("inline-image")), "multipart/related");
        BodyPart image = related.getBodyPart(1);
        assertThat(image.isMimeType("image/png")).isTrue();
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(((MimeBodyPart) image).getContentID())
                .isEqualTo("<image001.png@01DC0000.5A1B2C30>");
        assertThat(bytes(image)).startsWith(0x89, 'P', 'N', 'G');
        assertThat((String) ((Multipart) related.getBodyPart(0).getContent()).getBodyPart(1).getContent())
                .contains("cid:image001.png@01DC0000.5A1B2C30");
    }

    @Test
    void attachmentsDecodeToTheirExactSize() throws Exception {
        BodyPart small = multipart(parse(sample("attachment-1k")), "multipart/mixed").getBodyPart(1);
        assertThat(small.getFileName()).isEqualTo("invoice.pdf");
        assertThat(small.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(bytes(small)).hasSize(1024);
        BodyPart medium = multipart(parse(sample("attachment-1m")), "multipart/mixed").getBodyPart(1);
        assertThat(bytes(medium)).hasSize(1024 * 1024);
    }

    @Test
    void eightBitCharsetsRoundTrip() throws Exception {
        assertCharset("iso-8859-1", "ISO-8859-1", "Gr\u00fc\u00dfe aus M\u00fcnchen", "Sch\u00f6ne Gr\u00fc\u00dfe");
        assertCharset("windows-1252", "windows-1252", "Rechnung \u20ac 42", "\u201e42 \u20ac\u201c \u2013 danke");
        assertThat(rawHeader(sample("iso-8859-1"), "Subject")).startsWith("=?ISO-8859-1?Q?");
    }

    @Test
    void iso2022JpIsSevenBitAndDecodes() throws Exception {
        TestMailSample sample = sample("iso-2022-jp");
        assertCharset("iso-2022-jp", "ISO-2022-JP", "\u4f1a\u8b70\u306e\u304a\u77e5\u3089\u305b",
                "\u4f1a\u8b70\u306f\u660e\u65e5\u3067\u3059");
        byte[] raw = sample.mail().toByteArray();
        for (byte b : raw) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        assertThat(rawHeader(sample, "Subject")).startsWith("=?ISO-2022-JP?B?");
        assertThat(parse(sample).getHeader("Content-Transfer-Encoding", null)).isEqualTo("7bit");
    }

    @Test
    void longSubjectIsSplitIntoSeveralEncodedWords() throws Exception {
        TestMailSample sample = sample("rfc2047-long-subject");
        String raw = rawHeader(sample, "Subject");
        assertThat(raw.split("=\\?UTF-8\\?B\\?", -1)).hasSizeGreaterThan(2);
        assertThat(raw.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(parse(sample).getSubject()).isEqualTo(sample.mail().subject());
    }

    @Test
    void longNonAsciiFileNameUsesRfc2231Continuations() throws Exception {
        TestMailSample sample = sample("rfc2231-filename");
        assertThat(new String(sample.mail().toByteArray(), StandardCharsets.US_ASCII))
                .contains("filename*0*=UTF-8''Vertrags%C3%BCbersicht").contains("filename*1*=");
        BodyPart attachment = multipart(parse(sample), "multipart/mixed").getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo(
                "Vertrags\u00fcbersicht f\u00fcr Kunden M\u00fcller & S\u00f6hne \u2013 endg\u00fcltige Fassung.pdf");
    }

    @Test
    void nestedMessageIsAMessageRfc822WithItsOwnAttachment() throws Exception {
        BodyPart nested = multipart(parse(sample("nested-rfc822")), "multipart/mixed").getBodyPart(1);
        assertThat(nested.isMimeType("message/rfc822")).isTrue();
        Message inner = (Message) nested.getContent();
        assertThat(inner.getSubject()).isEqualTo("Original");
        assertThat(((Multipart) inner.getContent()).getBodyPart(1).getFileName()).isEqualTo("original.txt");
    }

    @Test
    void calendarInviteIsATextCalendarRequestAlternative() throws Exception {
        Multipart alternative = multipart(parse(sample("calendar-invite")), "multipart/alternative");
        assertThat(types(alternative)).containsExactly("text/plain", "text/html", "text/calendar");
        BodyPart calendar = alternative.getBodyPart(2);
        assertThat(new ContentType(calendar.getContentType()).getParameter("method")).isEqualTo("REQUEST");
        assertThat(new String(bytes(calendar), StandardCharsets.UTF_8)).contains("METHOD:REQUEST")
                .contains("BEGIN:VEVENT")
                .contains("ATTENDEE;").contains("mailto:bob@contoso.onmicrosoft.com");
    }

    @Test
    void missingMessageIdIsMissing() throws Exception {
        TestMailSample sample = sample("missing-message-id");
        assertThat(sample.mail().messageId()).isEmpty();
        assertThat(parse(sample).getMessageID()).isNull();
    }

    @Test
    void headerWithoutColonIsKeptAsABrokenLine() throws Exception {
        TestMailSample sample = sample("header-without-colon");
        assertThat(sample.mail().malformations()).containsExactly(Malformation.HEADER_WITHOUT_COLON);
        MimeMessage message = parse(sample);
        List<String> lines = Collections.list(message.getAllHeaderLines());
        assertThat(lines).contains("X-Broken-Header this line has no colon");
        assertThat(lines).filteredOn(l -> !l.startsWith(" ") && !l.startsWith("\t") && !l.contains(":")).hasSize(1);
        assertThat(message.getSubject()).isEqualTo("Broken header");
    }

    @Test
    void unterminatedEncodedWordIsLeftUndecoded() throws Exception {
        TestMailSample sample = sample("unterminated-encoded-word");
        String raw = rawHeader(sample, "Subject");
        assertThat(raw).startsWith("=?UTF-8?B?").doesNotContain("?=");
        assertThat(parse(sample).getSubject()).startsWith("=?UTF-8?B?");
    }

    @Test
    void eightBitHeaderCarriesRawLatin1Bytes() throws Exception {
        TestMailSample sample = sample("eight-bit-header");
        byte[] raw = sample.mail().toByteArray();
        int headerEnd = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        assertThat(Arrays.copyOf(raw, headerEnd)).contains((byte) 0xfc, (byte) 0xe4);
        MimeMessage message = parse(sample);
        assertThat(message.getSubject()).isEqualTo("Bestellbest\u00e4tigung f\u00fcr M\u00fcller");
        assertThat(message.getHeader("From", null)).startsWith("J\u00fcrgen M\u00fcller");
    }

    private void assertCharset(String name, String charset, String subject, String textFragment) throws Exception {
        MimeMessage message = parse(sample(name));
        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(new ContentType(message.getContentType()).getParameter("charset"))
                .isEqualToIgnoringCase(Charset.forName(charset).name());
        assertThat((String) message.getContent()).contains(textFragment);
    }

    private TestMailSample sample(String name) {
        return corpus.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static MimeMessage parse(TestMailSample sample) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(sample.mail().toByteArray()));
    }

    private static String rawHeader(TestMailSample sample, String name) throws MessagingException {
        return parse(sample).getHeader(name, null);
    }

    private static Multipart multipart(Part part, String type) throws Exception {
        assertThat(part.isMimeType(type)).as(part.getContentType()).isTrue();
        return (Multipart) part.getContent();
    }

    private static List<String> types(Multipart multipart) throws MessagingException {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            types.add(new ContentType(multipart.getBodyPart(i).getContentType()).getBaseType());
        }
        return types;
    }

    private static byte[] bytes(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Reads every leaf's decoded content; returns how many leaves there were. */
    private static int decodeAll(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            int leaves = 0;
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves += decodeAll(multipart.getBodyPart(i));
            }
            return leaves;
        }
        if (part.isMimeType("message/rfc822")) {
            return decodeAll((Part) part.getContent());
        }
        bytes(part);
        return 1;
    }
}
