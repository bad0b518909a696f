package io.exchangebridge.simulator.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;

/**
 * Exchange Online's recipient limits, shared by SMTP and Graph: recipients per message, recipients per sending mailbox
 * in a sliding 24 hours, and the tenant-wide external recipient rate (TERRL) in a sliding 24 hours, on the simulator
 * clock. A message counts once it is accepted; a refused one counts nothing. Thread-safe.
 */
public final class SendingLimits {

    /** Exchange Online: 10,000 recipients per mailbox per day. */
    public static final int DEFAULT_RECIPIENTS_PER_DAY = 10_000;
    /** Exchange Online: 500 recipients in To, Cc and Bcc of one message. */
    public static final int DEFAULT_RECIPIENTS_PER_MESSAGE = 500;
    /** TERRL: 500 × licenses^0.7 + 9,500, i.e. 10,000 for a tenant with one license. */
    public static final int DEFAULT_EXTERNAL_RECIPIENTS_PER_DAY = 10_000;

    static final Duration WINDOW = Duration.ofHours(24);

    /** Why a message was refused. */
    public enum Refusal {
        /** More recipients than one message may have. */
        TOO_MANY_RECIPIENTS,
        /** The sending mailbox would exceed its recipients per day. */
        MAILBOX_RECIPIENT_RATE,
        /** The tenant would exceed its external recipients per day. */
        TENANT_EXTERNAL_RECIPIENT_RATE
    }

    private record Sent(Instant at, int count) {
    }

    private final Directory directory;
    private final Clock clock;
    private final Map<String, Deque<Sent>> byMailbox = new ConcurrentHashMap<>();
    private final Map<String, Deque<Sent>> externalByTenant = new ConcurrentHashMap<>();
    private volatile int recipientsPerDay = DEFAULT_RECIPIENTS_PER_DAY;
    private volatile int recipientsPerMessage = DEFAULT_RECIPIENTS_PER_MESSAGE;
    private volatile int externalRecipientsPerDay = DEFAULT_EXTERNAL_RECIPIENTS_PER_DAY;

    public SendingLimits(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public SendingLimits recipientsPerDay(int limit) {
        this.recipientsPerDay = positive(limit);
        return this;
    }

    public SendingLimits recipientsPerMessage(int limit) {
        this.recipientsPerMessage = positive(limit);
        return this;
    }

    public SendingLimits externalRecipientsPerDay(int limit) {
        this.externalRecipientsPerDay = positive(limit);
        return this;
    }

    public int recipientsPerDay() {
        return recipientsPerDay;
    }

    public int recipientsPerMessage() {
        return recipientsPerMessage;
    }

    public int externalRecipientsPerDay() {
        return externalRecipientsPerDay;
    }

    /** Recipients the mailbox (UPN) sent to in the last 24 hours. */
    public int recipientsSent(String upn) {
        return count(byMailbox, key(upn));
    }

    /** External recipients the tenant (id) sent to in the last 24 hours. */
    public int externalRecipientsSent(String tenantId) {
        return count(externalByTenant, key(tenantId));
    }

    /** When the mailbox may send {@code recipients} more without exceeding its daily limit; now if it already may. */
    public Instant mailboxFreesAt(String upn, int recipients) {
        return freesAt(byMailbox.get(key(upn)), recipientsPerDay, recipients);
    }

    /** Forgets what was sent and restores the default limits. */
    public void reset() {
        byMailbox.clear();
        externalByTenant.clear();
        recipientsPerDay = DEFAULT_RECIPIENTS_PER_DAY;
        recipientsPerMessage = DEFAULT_RECIPIENTS_PER_MESSAGE;
        externalRecipientsPerDay = DEFAULT_EXTERNAL_RECIPIENTS_PER_DAY;
    }

    /** Whether one more recipient (the {@code count}th) would be too many for one message. */
    public boolean tooManyForOneMessage(int count) {
        return count > recipientsPerMessage;
    }

    /**
     * Checks a message of {@code sender} (the submitting mailbox) to {@code recipients} against every limit and, when
     * none refuses it, counts it.
     */
    public Optional<Refusal> admit(String sender, Collection<String> recipients) {
        if (tooManyForOneMessage(recipients.size())) {
            return Optional.of(Refusal.TOO_MANY_RECIPIENTS);
        }
        Optional<Mailbox> mailbox = directory.mailbox(sender);
        String tenant = mailbox.map(Mailbox::tenantId).orElse(domain(sender));
        int external = (int) recipients.stream().filter(r -> isExternal(mailbox, sender, r)).count();
        Deque<Sent> own = byMailbox.computeIfAbsent(key(sender), k -> new ArrayDeque<>());
        Deque<Sent> tenantSent = externalByTenant.computeIfAbsent(key(tenant), k -> new ArrayDeque<>());
        // one lock order (mailbox, then tenant) for every caller
        synchronized (own) {
            synchronized (tenantSent) {
                Instant now = clock.instant();
                if (sum(own, now) + recipients.size() > recipientsPerDay) {
                    return Optional.of(Refusal.MAILBOX_RECIPIENT_RATE);
                }
                if (external > 0 && sum(tenantSent, now) + external > externalRecipientsPerDay) {
                    return Optional.of(Refusal.TENANT_EXTERNAL_RECIPIENT_RATE);
                }
                own.addLast(new Sent(now, recipients.size()));
                if (external > 0) {
                    tenantSent.addLast(new Sent(now, external));
                }
                return Optional.empty();
            }
        }
    }

    /** Outside the tenant: neither a mailbox of the sender's tenant nor an address of the sender's domain. */
    private boolean isExternal(Optional<Mailbox> sender, String senderAddress, String recipient) {
        Optional<Mailbox> target = directory.mailbox(recipient);
        if (sender.isPresent() && target.isPresent()) {
            return !target.get().tenantId().equals(sender.get().tenantId());
        }
        return !domain(recipient).equals(domain(senderAddress));
    }

    private int count(Map<String, Deque<Sent>> counters, String key) {
        Deque<Sent> sent = counters.get(key);
        if (sent == null) {
            return 0;
        }
        synchronized (sent) {
            return sum(sent, clock.instant());
        }
    }

    private Instant freesAt(Deque<Sent> sent, int limit, int wanted) {
        Instant now = clock.instant();
        if (sent == null) {
            return now;
        }
        synchronized (sent) {
            int total = sum(sent, now);
            for (Sent s : sent) {
                if (total + wanted <= limit) {
                    break;
                }
                total -= s.count();
                now = s.at().plus(WINDOW);
            }
            return now;
        }
    }

    /** Drops what left the sliding window, then adds up the rest; callers hold the lock. */
    private static int sum(Deque<Sent> sent, Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().at().plus(WINDOW).isAfter(now)) {
            sent.pollFirst();
        }
        return sent.stream().mapToInt(Sent::count).sum();
    }

    private static String domain(String address) {
        return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A limit must be at least 1, not " + limit);
        }
        return limit;
    }
}
