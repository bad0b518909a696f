package io.exchangebridge.simulator.testmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The 50 MB sample is generated once, straight into a counter: it must stream, not be built in memory. */
class LargeAttachmentStreamingTest {

    @Test
    void fiftyMegabyteAttachmentStreamsWithCorrectBase64Size() throws Exception {
        TestMailSample sample = TestMailCorpus.largeAttachment(7);
        TailKeepingCounter out = new TailKeepingCounter();
        Runtime runtime = Runtime.getRuntime();
        runtime.gc();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();

        sample.mail().writeTo(out);

        long base64Chars = (TestMailCorpus.LARGE_ATTACHMENT_SIZE + 2) / 3 * 4;
        long base64WithLineBreaks = base64Chars + base64Chars / 76 * 2;
        assertThat(out.count).isBetween(base64WithLineBreaks, base64WithLineBreaks + 4096);
        assertThat(out.tail()).matches("(?s).*\r\n--_000_[0-9A-F]{24}_--\r\n");
        // a held copy would add at least the 50 MB of content to the heap
        long usedAfter = runtime.totalMemory() - runtime.freeMemory();
        assertThat(usedAfter - usedBefore).isLessThan(TestMailCorpus.LARGE_ATTACHMENT_SIZE);
    }

    private static final class TailKeepingCounter extends OutputStream {
        private final byte[] tail = new byte[64];
        private long count;

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int keep = Math.min(len, tail.length);
            System.arraycopy(tail, keep, tail, 0, tail.length - keep);
            System.arraycopy(b, off + len - keep, tail, tail.length - keep, keep);
            count += len;
        }

        String tail() {
            return new String(Arrays.copyOf(tail, tail.length), StandardCharsets.US_ASCII);
        }
    }
}
