package io.exchangebridge.smtp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM holds, from Linux's {@code /proc}: {@code /proc/self/net/tcp} and {@code tcp6} list every
 * socket of the network namespace, and the inodes behind {@code /proc/self/fd} pick out this process's own. A Quarkus
 * test runs in the relay's JVM, so these are the relay's sockets.
 */
public final class TcpSockets {

    /** {@code st} of {@code /proc/net/tcp}: the peer closed, this side has not (yet). */
    public static final String CLOSE_WAIT = "08";
    public static final String ESTABLISHED = "01";

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

    private TcpSockets() {
    }

    /** How many of this process's sockets to {@code remotePort} are in {@code state} (e.g. {@link #CLOSE_WAIT}). */
    public static long count(String state, int remotePort) {
        Set<String> own = ownInodes();
        return Stream.of("/proc/self/net/tcp", "/proc/self/net/tcp6").flatMap(TcpSockets::lines)
                .map(line -> line.trim().split("\\s+"))
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                .filter(f -> f.length > 9 && !f[0].equals("sl"))
                .filter(f -> f[3].equals(state) && port(f[2]) == remotePort && own.contains(f[9])).count();
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    private static Stream<String> lines(String file) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> ownInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException e) {
                    // closed meanwhile (e.g. the fd of the listing itself)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }
}
