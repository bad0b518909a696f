package io.exchangebridge.simulator.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/** What arrived by SMTP, per submitting mailbox. Thread-safe; tests can wait for arrivals. */
public final class SmtpOutbox {

    private final Map<String, List<SmtpSubmission>> byMailbox = new ConcurrentHashMap<>();
    private final Object arrivals = new Object();

    void add(SmtpSubmission submission) {
        synchronized (arrivals) {
            byMailbox.computeIfAbsent(key(submission.mailbox()), k -> new ArrayList<>()).add(submission);
            arrivals.notifyAll();
        }
    }

    /** Messages submitted through the mailbox, oldest first. */
    public List<SmtpSubmission> messages(String mailbox) {
        synchronized (arrivals) {
            return List.copyOf(byMailbox.getOrDefault(key(mailbox), List.of()));
        }
    }

    /** Every accepted message, grouped by mailbox. */
    public List<SmtpSubmission> all() {
        synchronized (arrivals) {
            return byMailbox.values().stream().flatMap(List::stream).toList();
        }
    }

    /** Waits until the mailbox has submitted at least {@code count} messages and returns them. */
    public List<SmtpSubmission> awaitMessages(String mailbox, int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (byMailbox.getOrDefault(key(mailbox), List.of()).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(
                            "expected " + count + " SMTP message(s) from " + mailbox + " within " + timeout);
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(byMailbox.get(key(mailbox)));
        }
    }

    public void clear() {
        synchronized (arrivals) {
            byMailbox.clear();
        }
    }

    private static String key(String mailbox) {
        return mailbox.toLowerCase(Locale.ROOT);
    }
}
