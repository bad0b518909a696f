package io.exchangebridge.simulator.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session's socket (plain, then TLS) with its input passed through a {@link LongAuthLineFilter}. It also tells how
 * long the session has been waiting for the client ({@link #waitingSince()}), for Exchange's idle timeout.
 */
final class FilteredSocket extends Socket {

    private static final long NOT_WAITING = Long.MAX_VALUE;

    private final Socket socket;
    private final Socket tcp;
    private final long openedAt;
    private final LongAuthLineFilter input;
    private volatile long waitingSince = NOT_WAITING;
    private volatile Runnable onClose = () -> {
    };
    private final AtomicBoolean closed = new AtomicBoolean();

    FilteredSocket(Socket socket) throws IOException {
        this(socket, socket, System.nanoTime());
    }

    /** {@code tls} layered over the connection {@code previous} filtered (after STARTTLS). */
    FilteredSocket(Socket tls, FilteredSocket previous) throws IOException {
        this(tls, previous.tcp, previous.openedAt);
    }

    private FilteredSocket(Socket socket, Socket tcp, long openedAt) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.openedAt = openedAt;
        this.input = new LongAuthLineFilter(new WaitTracking(socket.getInputStream()), this::connectionEnded);
    }

    /** How long ago the client connected. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedAt);
    }

    /** {@link System#nanoTime()} when the session began to wait for the client's next bytes; empty while it works. */
    OptionalLong waitingSince() {
        long since = waitingSince;
        return since == NOT_WAITING ? OptionalLong.empty() : OptionalLong.of(since);
    }

    /** Closes the TCP connection underneath at once, without a TLS close_notify (which could wait for the client). */
    void closeConnection() throws IOException {
        connectionEnded();
        tcp.close();
    }

    /** Notes when a read starts waiting and when it returns. */
    private final class WaitTracking extends FilterInputStream {

        WaitTracking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            waitingSince = System.nanoTime();
            try {
                return in.read();
            } finally {
                waitingSince = NOT_WAITING;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            waitingSince = System.nanoTime();
            try {
                return in.read(b, off, len);
            } finally {
                waitingSince = NOT_WAITING;
            }
        }
    }

    LongAuthLineFilter filter() {
        return input;
    }

    /**
     * Runs the close action once. Called before closing too: closing a TLS socket can wait for the client's
     * close_notify, and the mailbox's connection must not count while it does.
     */
    void connectionEnded() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    /** Runs once when the session closes its connection, e.g. to count the mailbox's connections down again. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** The socket underneath, e.g. to layer TLS on (the filter must not see TLS records). */
    Socket unwrap() {
        input.deactivate();
        return socket;
    }

    /** A listening socket whose accepted connections come filtered. */
    static ServerSocket filteringServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                return new FilteredSocket(super.accept());
            }
        };
    }

    @Override
    public InputStream getInputStream() {
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
        connectionEnded();
        socket.close();
    }
}
