package io.exchangebridge.importer.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Storing does not hold a message in memory: a 120 MB message, generated on the fly (no array of that size exists), is
 * stored while the heap retained after a full GC half-way through stays far below the message size.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class MessageStoreStreamingTest {

    private static final long SIZE = 120L * 1024 * 1024;

    @Inject
    MessageStore store;

    @Inject
    MessageDelivery delivery;

    /** A MIME message of {@link #SIZE} bytes, made up as it is read; measures the heap once half of it is read. */
    static final class GeneratedMessage extends InputStream {
        private final byte[] header = ("Message-ID: <generated@test.example>\r\nFrom: gen@example.com\r\n"
                + "To: big@contoso.onmicrosoft.com\r\nSubject: generated\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=g\r\n\r\n--g\r\nContent-Type: application/octet-stream;"
                + " name=\"big.bin\"\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        private final byte[] line = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx"
                + "MjM0\r\n").getBytes(StandardCharsets.US_ASCII);
        private final byte[] trailer = "\r\n--g--\r\n".getBytes(StandardCharsets.US_ASCII);
        private final MessageDigest sha;
        private final AtomicLong retainedHalfway;
        private final long baseline;
        private long position;

        GeneratedMessage(MessageDigest sha, AtomicLong retainedHalfway, long baseline) {
            this.sha = sha;
            this.retainedHalfway = retainedHalfway;
            this.baseline = baseline;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= SIZE) {
                return -1;
            }
            int n = 0;
            while (n < len && position < SIZE) {
                b[off + n++] = byteAt(position++);
            }
            sha.update(b, off, n);
            if (retainedHalfway.get() < 0 && position >= SIZE / 2) {
                retainedHalfway.set(usedAfterGc() - baseline);
            }
            return n;
        }

        private byte byteAt(long p) {
            if (p < header.length) {
                return header[(int) p];
            }
            long tail = SIZE - trailer.length;
            if (p >= tail) {
                return trailer[(int) (p - tail)];
            }
            return line[(int) ((p - header.length) % line.length)];
        }
    }

    static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aMessageLargerThanTheRetainedHeapGrowthIsStoredByteExact() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        AtomicLong retained = new AtomicLong(-1);
        long baseline = usedAfterGc();

        MessageStore.Stored stored = store.store("streaming", "generated-id", null,
                new GeneratedMessage(sha, retained, baseline), false, null);

        assertThat(stored.id()).isPresent();
        assertThat(stored.size()).isEqualTo(SIZE);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(retained.get()).as("heap retained half-way through a %d byte message", SIZE)
                .isLessThan(16L * 1024 * 1024);
        MessageView view = delivery.find(stored.id().get()).orElseThrow();
        assertThat(view.attachments()).extracting(MessageView.AttachmentView::name).containsExactly("big.bin");
        MessageDigest reread = MessageDigest.getInstance("SHA-256");
        assertThat(delivery.readRaw(stored.id().get(), in -> {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                reread.update(buffer, 0, n);
            }
        })).isTrue();
        assertThat(HexFormat.of().formatHex(reread.digest())).isEqualTo(stored.sha256());
    }
}
