package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A session's socket (plain, then TLS) with its input passed through a {@link LongAuthLineFilter}. */
final class FilteredSocket extends Socket {

    private final Socket socket;
    private final LongAuthLineFilter input;
    private volatile Runnable onClose = () -> {
    };
    private final AtomicBoolean closed = new AtomicBoolean();

    FilteredSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new LongAuthLineFilter(socket.getInputStream(), this::connectionEnded);
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
