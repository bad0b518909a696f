package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.quarkus.logging.Log;

/**
 * An authenticated connection to Exchange and what the pool knows of it. Only one thread uses it at a time: the one
 * delivering on it, or (while it sits idle in the pool, under the pool's lock) the pool's check.
 */
final class PooledConnection {

    final SMTPTransport transport;
    final Instant connectedAt;
    final Instant tokenExpiresAt;
    private final SocketChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onClose;
    private volatile Instant idleSince;
    private volatile boolean used;

    PooledConnection(SMTPTransport transport, SocketChannel channel, Instant connectedAt, Instant tokenExpiresAt,
            Runnable onClose) {
        this.transport = transport;
        this.channel = channel;
        this.connectedAt = connectedAt;
        this.tokenExpiresAt = tokenExpiresAt;
        this.onClose = onClose;
        this.idleSince = connectedAt;
    }

    /** Back in the pool, idle from now. */
    void idle() {
        used = true;
        idleSince = Instant.now();
    }

    Instant idleSince() {
        return idleSince;
    }

    /** True once the connection carried a message: a failure on it may then be a close by the server meanwhile. */
    boolean reused() {
        return used;
    }

    /**
     * True while the server has neither closed the connection nor said anything unasked, checked without a round trip:
     * SMTP answers only commands, so on an idle connection there is nothing to read. Bytes waiting there can only be a
     * parting reply ({@code 421}, inside TLS) or TLS's close_notify, and end of stream is a close; either way the
     * connection is finished. A non-blocking read of one byte tells the three apart (nothing / bytes / end). Without a
     * channel (Angus made its own socket), Angus's {@code isConnected()} asks with NOOP.
     */
    boolean stillOpen() {
        if (closed.get()) {
            return false;
        }
        if (channel == null) {
            return transport.isConnected();
        }
        try {
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Closes the connection once. {@code polite}: says QUIT first; otherwise (the server has gone) the socket is closed
     * at once, so it never lingers in CLOSE-WAIT, and the transport only forgets its state.
     */
    void close(boolean polite) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!polite && channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            Log.debugf("Closing an SMTP socket failed: %s", e.getClass().getSimpleName());
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            Log.debugf("Closing an SMTP connection failed: %s", e.getClass().getSimpleName());
        } finally {
            onClose.run();
        }
    }
}
