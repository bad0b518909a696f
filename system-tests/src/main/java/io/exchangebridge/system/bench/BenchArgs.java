package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The small things the bench launchers share: arguments, free ports, the env file the scripts read, child pids. */
final class BenchArgs {

    private BenchArgs() {
    }

    /** {@code --name value} pairs, only the names given; anything else is a usage error. */
    static Map<String, String> parse(String[] args, List<String> names) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !names.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: --" + String.join(" VALUE --", names) + " VALUE");
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of this process's child started with {@code jar}: the scripts read its RSS and CPU from /proc. */
    static long childPid(Path jar) {
        String wanted = jar.toAbsolutePath().toString();
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(a -> List.of(a).contains(wanted)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("No child process runs " + wanted))
                .pid();
    }

    /** KEY='value' lines for {@code source} in bash, readable by the owner only: it holds the bench's passwords. */
    static void writeEnv(Path file, Map<String, String> values) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (Writer out = Files.newBufferedWriter(partial)) {
                for (var entry : values.entrySet()) {
                    out.write(entry.getKey() + "='" + entry.getValue().replace("'", "'\\''") + "'\n");
                }
            }
            partial.toFile().setReadable(false, false);
            partial.toFile().setReadable(true, true);
            // renamed when complete: the script waits for the file to appear
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping: " + e);
        }
    }
}
