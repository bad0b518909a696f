package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory from {@code /proc/<pid>/status}: now ({@code VmRSS}) and its peak ({@code VmHWM}). */
final class Rss {

    private Rss() {
    }

    static long peakMiB(long pid) {
        return field(pid, "VmHWM:");
    }

    static long currentMiB(long pid) {
        return field(pid, "VmRSS:");
    }

    /** Resident anonymous memory now (heap, metaspace, code, stacks): what the file-backed part of VmRSS is not. */
    static long anonymousMiB(long pid) {
        return field(pid, "RssAnon:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).strip().split("\\s+")[0]) / 1024;
                }
            }
            throw new IllegalStateException("No " + name + " for process " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
