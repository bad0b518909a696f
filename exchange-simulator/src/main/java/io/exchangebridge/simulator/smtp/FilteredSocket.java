package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/** A session's socket (plain, then TLS) with its input passed through a {@link LongAuthLineFilter}. */
final class FilteredSocket extends Socket {

    private final Socket socket;
    private final LongAuthLineFilter input;

    FilteredSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new LongAuthLineFilter(socket.getInputStream());
    }

    LongAuthLineFilter filter() {
        return input;
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
        socket.close();
    }
}
