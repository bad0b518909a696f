package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (utime + stime, in clock ticks of 10 ms): the relay's JVM, and
 * PostgreSQL as the sum over the postmaster, its live children (backends, WAL writer, checkpointer, ...) and the
 * children it has already reaped (autovacuum workers come and go; their time is in the postmaster's cutime + cstime).
 */
final class RelayCpuMeter {

    /** {@code getconf CLK_TCK} on Linux x86-64. */
    private static final double TICKS_PER_SECOND = 100.0;

    private RelayCpuMeter() {
    }

    /** CPU seconds one process has used so far (all its threads). */
    static double processSeconds(long pid) {
        long[] f = stat(pid);
        return f == null ? 0 : (f[UTIME] + f[STIME]) / TICKS_PER_SECOND;
    }

    /** CPU seconds of the postmaster {@code postmaster} and every process it started, running or ended. */
    static double treeSeconds(long postmaster) {
        long[] root = stat(postmaster);
        if (root == null) {
            throw new IllegalStateException("PostgreSQL's postmaster " + postmaster + " is not running");
        }
        long ticks = root[UTIME] + root[STIME] + root[CUTIME] + root[CSTIME];
        for (long pid : pids()) {
            long[] f = stat(pid);
            if (f != null && f[PPID] == postmaster) {
                ticks += f[UTIME] + f[STIME] + f[CUTIME] + f[CSTIME];
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} in the data directory. */
    static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine's load average over 1, 5 and 15 minutes, as {@code uptime} prints it. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // indexes into the fields after the command name: state is field 3 of stat(5), so field n is at n - 3
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    private static long[] stat(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return null; // ended meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the command name is in parentheses and may hold spaces: fields start after the last ')'
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long[] values = new long[CSTIME + 1];
        for (int i = PPID; i <= CSTIME; i++) {
            values[i] = Long.parseLong(fields[i]);
        }
        return values;
    }

    private static List<Long> pids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
