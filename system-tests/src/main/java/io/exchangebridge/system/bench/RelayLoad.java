package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The load client of {@code bench/relay.sh}, in a process of its own: {@code --connections} SMTP connections to the
 * relay's listener, each with STARTTLS and AUTH once, then small text messages back to back (no pacing) until
 * {@code --messages} are sent in all. Every message ends in a reply or a client timeout ({@code --timeout-ms}), and the
 * client counts each: a session that hangs shows as a timeout, never as a run that does not end. Prints one line
 * {@code RESULT key=value ...} for {@link RelayBench}. The listener's password comes from {@code RELAY_LOAD_PASSWORD}.
 */
public final class RelayLoad {

    private final Map<String, String> args;
    private final int connections;
    private final int messages;
    private final String run;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final long[][] latencies;

    private RelayLoad(Map<String, String> args) {
        this.args = args;
        this.connections = Integer.parseInt(args.get("connections"));
        this.messages = Integer.parseInt(args.get("messages"));
        this.run = args.getOrDefault("run", "run");
        this.latencies = new long[connections][];
    }

    public static void main(String[] argv) throws InterruptedException {
        Map<String, String> args = new TreeMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(2, eq), a.substring(eq + 1));
        }
        new RelayLoad(args).run();
    }

    private void run() throws InterruptedException {
        Session session = session();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> client(session, client)));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(l -> l >= 0).sorted().toArray();
        StringBuilder out = new StringBuilder("RESULT");
        out.append(" accepted=").append(accepted.sum()).append(" timeouts=").append(timeouts.sum())
                .append(" refused=").append(refused.values().stream().mapToLong(LongAdder::sum).sum())
                .append(" reconnects=").append(reconnects.sum()).append(" seconds=")
                .append(String.format(Locale.ROOT, "%.3f", seconds)).append(" p50ms=")
                .append(percentile(all, 0.50)).append(" p99ms=").append(percentile(all, 0.99)).append(" maxms=")
                .append(all.length == 0 ? 0 : all[all.length - 1] / 1_000_000);
        System.out.println(out);
        refused.forEach((reply, n) -> System.out.println("REFUSED " + n.sum() + " " + reply));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
                        / 1_000_000;
    }

    private Session session() {
        String timeout = args.getOrDefault("timeout-ms", "30000");
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", args.get("host"));
        p.setProperty("mail.smtp.port", args.get("port"));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", args.get("host"));
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        return Session.getInstance(p);
    }

    /** One connection: AUTH once, then messages until the run's count is reached; reconnects after a timeout. */
    private void client(Session session, int client) {
        List<Long> mine = new ArrayList<>();
        String from = args.get("from");
        Address[] to;
        try {
            to = new Address[]{new InternetAddress(args.get("to"))};
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
        SMTPTransport transport = null;
        int i;
        while ((i = next.getAndIncrement()) < messages) {
            long t0 = System.nanoTime();
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = (SMTPTransport) session.getTransport("smtp");
                    transport.connect(args.get("user"), System.getenv("RELAY_LOAD_PASSWORD"));
                    t0 = System.nanoTime();
                }
                transport.sendMessage(new Raw(session, from, message(from, client, i)), to);
                accepted.increment();
                mine.add(System.nanoTime() - t0);
            } catch (MessagingException e) {
                mine.add(System.nanoTime() - t0);
                if (timedOut(e)) {
                    timeouts.increment();
                } else {
                    String reply = e instanceof SMTPSendFailedException f
                            ? f.getReturnCode() + " " + firstLine(f)
                            : firstLine(e);
                    refused.computeIfAbsent(reply, r -> new LongAdder()).increment();
                }
                close(transport);
                transport = null;
                reconnects.increment();
            }
        }
        close(transport);
        latencies[client] = mine.stream().mapToLong(Long::longValue).toArray();
    }

    private byte[] message(String from, int client, int i) {
        String id = run + "-" + client + "-" + i;
        return ("From: " + from + "\r\nTo: " + args.get("to") + "\r\nSubject: bench " + id
                + "\r\nMessage-ID: <" + id + "@bench.exchange-bridge.local>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + "Benchmark message " + i + " of connection " + client + " in run " + run + ".\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException()
                : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse("").strip();
    }

    private static void close(SMTPTransport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                // the connection is gone either way
            }
        }
    }

    /** A message sent as its bytes, without Angus building or parsing it (the client stays cheap). */
    private static final class Raw extends SMTPMessage {
        private final byte[] bytes;

        Raw(Session session, String envelopeFrom, byte[] bytes) {
            super(session);
            this.bytes = bytes;
            setEnvelopeFrom(envelopeFrom);
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            os.write(bytes);
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            os.write(bytes);
        }

        @Override
        public int getSize() {
            return bytes.length;
        }
    }
}
