package io.exchangebridge.simulator.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lets {@code AUTH XOAUTH2 <initial-response>} through although it is longer than the 998 characters subethasmtp allows
 * on a command line: Entra access tokens alone are 1.5 to 4 KB, and Exchange accepts them on one line.
 *
 * <p> While the session is not authenticated, a long AUTH line is split into {@code AUTH <mechanism>} and the response
 * on the next line, and {@link #takeSplitLine()} tells the AUTH command to read it without sending {@code 334}. After
 * authentication (before any message data can flow) the filter steps aside for good.
 */
final class LongAuthLineFilter extends FilterInputStream {

    private static final int LIMIT = 990;

    private volatile boolean active = true;
    private boolean splitLine;
    private byte[] pending = new byte[0];
    private int position;

    private final Runnable onClose;

    /** {@code onClose} runs when the session closes its input, which it always does when the connection ends. */
    LongAuthLineFilter(InputStream in, Runnable onClose) {
        super(in);
        this.onClose = onClose;
    }

    @Override
    public void close() throws IOException {
        onClose.run();
        super.close();
    }

    /** True once after a long AUTH line was split; the response is on the next line. */
    synchronized boolean takeSplitLine() {
        boolean was = splitLine;
        splitLine = false;
        return was;
    }

    /** Called when AUTH succeeded: from now on every byte passes untouched. */
    void deactivate() {
        active = false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (position < pending.length) {
            int n = Math.min(len, pending.length - position);
            System.arraycopy(pending, position, b, off, n);
            position += n;
            return n;
        }
        if (!active) {
            return in.read(b, off, len);
        }
        byte[] line = readLine();
        if (line == null) {
            return -1;
        }
        pending = split(line);
        position = 0;
        return read(b, off, len);
    }

    @Override
    public synchronized int available() throws IOException {
        return pending.length - position + (active ? 0 : in.available());
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            line.write(c);
            if (c == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private byte[] split(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII);
        String[] words = text.strip().split(" +");
        if (line.length <= LIMIT || words.length != 3 || !words[0].equalsIgnoreCase("AUTH")) {
            return line;
        }
        splitLine = true;
        byte[] split = ("AUTH " + words[1] + "\r\n" + words[2] + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(split, split.length);
    }
}
