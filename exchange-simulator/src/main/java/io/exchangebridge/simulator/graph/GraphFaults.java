package io.exchangebridge.simulator.graph;

import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Faults injected into the Graph API, per mailbox (UPN, case-insensitive). "Next N" faults are consumed one per Graph
 * request that addresses the mailbox, after authentication and in the order they were queued.
 */
public final class GraphFaults {

    /** One queued fault. */
    sealed interface Fault {
    }

    record Throttled(RetryAfter retryAfter) implements Fault {
    }

    record ServerError(int status) implements Fault {
    }

    record Slow(Duration delay) implements Fault {
    }

    record Drop() implements Fault {
    }

    /** Exchange Online's default maximum message size (send and receive). */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 35L * 1024 * 1024;

    private final Map<String, Deque<Fault>> queued = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> uploadChunks = new ConcurrentHashMap<>();
    private final Set<String> restDisabled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> maxMessageSize = new ConcurrentHashMap<>();
    private final Set<String> quotaExceeded = ConcurrentHashMap.newKeySet();

    /** The next {@code count} requests of the mailbox get 429 ApplicationThrottled. */
    public GraphFaults throttleNext(String mailbox, int count, RetryAfter retryAfter) {
        return queue(mailbox, count, new Throttled(retryAfter));
    }

    /** The next {@code count} requests of the mailbox fail with 500, 503 or 504. */
    public GraphFaults failNext(String mailbox, int count, int status) {
        if (status != 500 && status != 503 && status != 504) {
            throw new IllegalArgumentException("Only 500, 503 and 504 are simulated, not " + status);
        }
        return queue(mailbox, count, new ServerError(status));
    }

    /** The next {@code count} requests of the mailbox are answered only after {@code delay}. */
    public GraphFaults slowNext(String mailbox, int count, Duration delay) {
        return queue(mailbox, count, new Slow(delay));
    }

    /** The next {@code count} requests of the mailbox get their connection closed without an answer. */
    public GraphFaults dropNext(String mailbox, int count) {
        return queue(mailbox, count, new Drop());
    }

    /**
     * The next {@code count} chunk PUTs to an upload session of the mailbox's drafts fail with 500, 503 or 504 before
     * the chunk is stored, so the client's retry of the same chunk succeeds. Other requests are not affected.
     */
    public GraphFaults failNextUploadChunks(String mailbox, int count, int status) {
        if (status != 500 && status != 503 && status != 504) {
            throw new IllegalArgumentException("Only 500, 503 and 504 are simulated, not " + status);
        }
        return queue(uploadChunks, mailbox, count, new ServerError(status));
    }

    /** The next {@code count} chunk PUTs of the mailbox's upload sessions get their connection closed, unstored. */
    public GraphFaults dropNextUploadChunks(String mailbox, int count) {
        return queue(uploadChunks, mailbox, count, new Drop());
    }

    /** Upload chunk faults still queued for the mailbox. */
    public int pendingUploadFaults(String mailbox) {
        Deque<Fault> faults = uploadChunks.get(key(mailbox));
        return faults == null ? 0 : faults.size();
    }

    /** Graph answers {@code MailboxNotEnabledForRESTAPI} for the mailbox while disabled. */
    public GraphFaults restEnabled(String mailbox, boolean enabled) {
        if (enabled) {
            restDisabled.remove(key(mailbox));
        } else {
            restDisabled.add(key(mailbox));
        }
        return this;
    }

    /** While on, requests that store mail (sendMail, PATCH, move, DELETE, folder create) get ErrorQuotaExceeded. */
    public GraphFaults quotaExceeded(String mailbox, boolean exceeded) {
        if (exceeded) {
            quotaExceeded.add(key(mailbox));
        } else {
            quotaExceeded.remove(key(mailbox));
        }
        return this;
    }

    /**
     * sendMail and a draft's send refuse larger messages with {@code ErrorMessageSizeExceeded}; default 35 MB (the
     * mailbox's MaxSendSize), at most Graph's 150 MB.
     */
    public GraphFaults maxMessageSize(String mailbox, long bytes) {
        maxMessageSize.put(key(mailbox), bytes);
        return this;
    }

    /** Faults still queued for the mailbox. */
    public int pending(String mailbox) {
        Deque<Fault> faults = queued.get(key(mailbox));
        return faults == null ? 0 : faults.size();
    }

    /** Removes every fault and switch. */
    public void clear() {
        queued.clear();
        uploadChunks.clear();
        restDisabled.clear();
        maxMessageSize.clear();
        quotaExceeded.clear();
    }

    boolean restEnabled(String mailbox) {
        return !restDisabled.contains(key(mailbox));
    }

    boolean quotaExceeded(String mailbox) {
        return quotaExceeded.contains(key(mailbox));
    }

    long maxMessageSize(String mailbox) {
        return Optional.ofNullable(maxMessageSize.get(key(mailbox))).orElse(DEFAULT_MAX_MESSAGE_SIZE);
    }

    Optional<Fault> next(String mailbox) {
        Deque<Fault> faults = queued.get(key(mailbox));
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.pollFirst());
    }

    Optional<Fault> nextUploadFault(String mailbox) {
        Deque<Fault> faults = uploadChunks.get(key(mailbox));
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.pollFirst());
    }

    private GraphFaults queue(String mailbox, int count, Fault fault) {
        return queue(queued, mailbox, count, fault);
    }

    private GraphFaults queue(Map<String, Deque<Fault>> target, String mailbox, int count, Fault fault) {
        Deque<Fault> faults = target.computeIfAbsent(key(mailbox), k -> new ConcurrentLinkedDeque<>());
        for (int i = 0; i < count; i++) {
            faults.addLast(fault);
        }
        return this;
    }

    private static String key(String mailbox) {
        return mailbox.toLowerCase(Locale.ROOT);
    }

}
