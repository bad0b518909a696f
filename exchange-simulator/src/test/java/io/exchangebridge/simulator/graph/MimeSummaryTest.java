package io.exchangebridge.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.graph.store.MimeSummary;

class MimeSummaryTest {

    private static MimeSummary parse(String mime) {
        return MimeSummary.parse(mime.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String multipart(String type, String... parts) {
        StringBuilder mime = new StringBuilder("From: a@fabrikam.test\r\nTo: b@contoso.test\r\nSubject: parts\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: " + type + "; boundary=\"xx\"\r\n\r\n");
        for (String part : parts) {
            mime.append("--xx\r\n").append(part).append("\r\n");
        }
        return mime.append("--xx--\r\n").toString();
    }

    /**
     * A host (a Quarkus test) may run the simulator on threads whose context class loader holds another copy of Angus
     * Mail; Jakarta Mail's ServiceLoader lookups must still find the implementation next to the API in use.
     */
    @Test
    void parsesOnAThreadWhoseContextLoaderHasAnotherCopyOfAngusMail() throws Exception {
        URL[] mailJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("angus") || p.contains("jakarta.mail") || p.contains("jakarta.activation"))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        assertThat(mailJars).hasSizeGreaterThanOrEqualTo(3);
        String mime = multipart("multipart/mixed", "Content-Type: text/plain\r\n\r\nbody",
                "Content-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment\r\n\r\nx");
        try (URLClassLoader foreign = new URLClassLoader(mailJars, ClassLoader.getPlatformClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(foreign);
            try {
                MimeSummary summary = parse(mime);
                assertThat(summary.hasAttachments()).isTrue();
                assertThat(summary.textBody()).isEqualTo("body");
                assertThat(thread.getContextClassLoader()).isSameAs(foreign);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    @Test
    void inlineImagesAreNotAttachments() {
        MimeSummary summary = parse(multipart("multipart/related",
                "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>Logo <img src=\"cid:logo\"></p>",
                "Content-Type: image/png; name=\"logo.png\"\r\nContent-Disposition: inline; filename=\"logo.png\"\r\n"
                        + "Content-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo="));

        assertThat(summary.hasAttachments()).isFalse();
        assertThat(summary.bodyContentType()).isEqualTo("html");
        assertThat(summary.bodyPreview()).isEqualTo("Logo");
    }

    @Test
    void namedTextPartsAndNestedMessagesAreAttachments() {
        assertThat(parse(multipart("multipart/mixed", "Content-Type: text/plain\r\n\r\nbody",
                "Content-Type: text/plain; name=\"notes.txt\"\r\n\r\nnotes")).hasAttachments()).isTrue();
        assertThat(parse(multipart("multipart/mixed", "Content-Type: text/plain\r\n\r\nbody",
                "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body")).hasAttachments()).isTrue();
    }

    @Test
    void alternativePrefersHtmlAndKeepsTheTextForTextBodies() {
        MimeSummary summary = parse(multipart("multipart/alternative", "Content-Type: text/plain\r\n\r\nPlain text",
                "Content-Type: text/html\r\n\r\n<b>Rich</b> text"));

        assertThat(summary.bodyContentType()).isEqualTo("html");
        assertThat(summary.bodyContent()).isEqualTo("<b>Rich</b> text");
        assertThat(summary.textBody()).isEqualTo("Plain text");
    }

    @Test
    void malformedHeadersAndMissingMessageIdAreTolerated() {
        MimeSummary summary = parse("From: not an address <<<\r\nTo: ;;;\r\nSubject: =?bogus?Q?x?=\r\n"
                + "Date: yesterday-ish\r\n\r\nbody\r\n");

        assertThat(summary.internetMessageId()).isEmpty();
        assertThat(summary.sentAt()).isEmpty();
        assertThat(summary.to()).isEmpty();
        assertThat(summary.bodyPreview()).isEqualTo("body");
    }

    @Test
    void repliesShareTheConversationOfTheirRoot() {
        MimeSummary root = parse("Message-ID: <root@x>\r\nSubject: Q\r\n\r\n?");
        MimeSummary reply = parse("Message-ID: <reply@x>\r\nIn-Reply-To: <root@x>\r\nReferences: <root@x>\r\n"
                + "Subject: Re: Q\r\n\r\n!");
        MimeSummary other = parse("Message-ID: <other@x>\r\nSubject: Q\r\n\r\n?");

        assertThat(reply.conversationId()).isEqualTo(root.conversationId()).isNotEqualTo(other.conversationId());
    }
}
