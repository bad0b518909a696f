package io.exchangebridge.system.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark launchers' small parts that can be wrong without any service running. */
class BenchPartsTest {

    @Test
    void aSizedMessageIsValidMimeOfAboutTheAskedSize() throws Exception {
        for (long size : List.of(20_000L, 1L << 20, 10L << 20)) {
            byte[] mime = SizedMessage.mime(size, 7);
            assertThat((long) mime.length).as("size of a %d-byte message", size).isBetween((long) (size * 0.99), size);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime));
            Multipart parts = (Multipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            Part attachment = parts.getBodyPart(1);
            assertThat(attachment.getFileName()).isEqualTo("data.bin");
            assertThat(attachment.getInputStream().readAllBytes().length).isGreaterThan((int) (size * 0.7));
        }
        assertThat(SizedMessage.mime(20_000, 1)).as("each seed its own Message-ID and bytes")
                .isNotEqualTo(SizedMessage.mime(20_000, 2));
    }

    @Test
    void argumentsAreOnlyTheNamedOnes() {
        assertThat(BenchArgs.parse(new String[]{"--home", "/tmp/x", "--app", "a b"}, List.of("home", "app")))
                .containsEntry("home", "/tmp/x").containsEntry("app", "a b");
        assertThatThrownBy(() -> BenchArgs.parse(new String[]{"--other", "1"}, List.of("home")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchArgs.parse(new String[]{"--home"}, List.of("home")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEnvFileQuotesForBashAndIsTheOwnersOnly(@TempDir Path dir) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PLAIN", "abc");
        values.put("QUOTED", "it's $HOME `x`");
        Path file = dir.resolve("x.env");
        BenchArgs.writeEnv(file, values);

        Process bash = new ProcessBuilder("bash", "-c", ". \"$1\"; printf '%s|%s' \"$PLAIN\" \"$QUOTED\"", "bash",
                file.toString()).start();
        assertThat(new String(bash.getInputStream().readAllBytes())).isEqualTo("abc|it's $HOME `x`");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }
}
