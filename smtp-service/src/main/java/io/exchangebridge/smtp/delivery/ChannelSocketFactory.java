package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

import javax.net.SocketFactory;

/**
 * Plain sockets backed by a {@link SocketChannel}, for Angus Mail's {@code mail.smtp.socketFactory}: the channel lets
 * the pool check an idle connection without a round trip ({@link PooledConnection#stillOpen()}). Angus keeps its socket
 * to itself, so the channel of the socket made during {@code connect} is handed over through this thread.
 */
final class ChannelSocketFactory extends SocketFactory {

    private static final ThreadLocal<SocketChannel> LAST = new ThreadLocal<>();

    /** Forgets what an earlier connect on this thread left. */
    static void forget() {
        LAST.remove();
    }

    /** The channel of the socket last made on this thread, or null (e.g. Angus fell back to a socket of its own). */
    static SocketChannel take() {
        SocketChannel channel = LAST.get();
        LAST.remove();
        return channel;
    }

    /** What Angus calls: an unconnected socket, which it then connects with its connect timeout. */
    @Override
    public Socket createSocket() throws IOException {
        SocketChannel channel = SocketChannel.open();
        LAST.set(channel);
        return channel.socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }
}
