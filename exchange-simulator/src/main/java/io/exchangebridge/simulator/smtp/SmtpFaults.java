package io.exchangebridge.simulator.smtp;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault switches of the simulated Exchange SMTP. Thread-safe; changes apply to the next command.
 *
 * <p> The SMTP AUTH switches write through to {@link SmtpAuthFlags}: inside the simulator that is the seeded directory,
 * which owns them.
 */
public final class SmtpFaults {

    private final SmtpAuthFlags authFlags;
    private final Set<String> sendAsDenied = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<SmtpFailure> nextFailures = new ConcurrentLinkedDeque<>();
    private final AtomicInteger mailFromTimeouts = new AtomicInteger();
    private volatile boolean sendingLimit;
    private final Duration defaultIdleTimeout;
    private volatile Duration idleTimeout;

    SmtpFaults(SmtpAuthFlags authFlags, Duration defaultIdleTimeout) {
        this.authFlags = authFlags;
        this.defaultIdleTimeout = defaultIdleTimeout;
        this.idleTimeout = defaultIdleTimeout;
    }

    /** {@code Set-TransportConfig -SmtpClientAuthenticationDisabled}: 535 5.7.139 "...for the Tenant". */
    public SmtpFaults smtpAuthForTenant(String tenantId, boolean enabled) {
        authFlags.tenant(tenantId, enabled);
        return this;
    }

    /** {@code Set-CASMailbox -SmtpClientAuthenticationDisabled}: 535 5.7.139 "...for the Mailbox". */
    public SmtpFaults smtpAuthForMailbox(String upn, boolean enabled) {
        authFlags.mailbox(upn, enabled);
        return this;
    }

    /** Withdraws every Send As grant of the mailbox: sending as anyone but itself ends in 554 5.2.252. */
    public SmtpFaults denySendAs(String upn, boolean denied) {
        toggle(sendAsDenied, upn, denied);
        return this;
    }

    /** The next {@code count} messages (any mailbox) fail at the end of DATA with {@code failure}. */
    public SmtpFaults failNext(int count, SmtpFailure failure) {
        for (int i = 0; i < count; i++) {
            nextFailures.add(failure);
        }
        return this;
    }

    /**
     * Exchange's per-mailbox submission limits: 30 messages per minute and 3 concurrent connections, over which a
     * message gets {@code 432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded}. Off by default so tests can
     * send freely.
     */
    public SmtpFaults sendingLimit(boolean on) {
        this.sendingLimit = on;
        return this;
    }

    /**
     * Exchange's idle timeout, from now on for every open connection too: a connection that waits this long for the
     * client's next command gets {@code 421 4.4.1 Connection timed out. Total session duration: ...} and is closed.
     * {@link Duration#ZERO} turns it off; {@link #reset()} restores {@link SmtpSettings#idleTimeout()}.
     */
    public SmtpFaults idleTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative: " + timeout);
        }
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * The next {@code count} MAIL FROM commands (any mailbox) meet a connection that has just timed out, as when
     * Exchange's idle timeout fires while the client's command is on its way: {@code 421 4.4.1 Connection timed out.
     * ...} and the connection is closed. Nothing of the message was sent, so a client may resend it at once.
     */
    public SmtpFaults timeOutAtNextMailFrom(int count) {
        mailFromTimeouts.addAndGet(count);
        return this;
    }

    /** The idle timeout in force; {@link Duration#ZERO}: none. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Back to a healthy service; the SMTP AUTH flags are the directory's and stay as they are. */
    public void reset() {
        sendAsDenied.clear();
        nextFailures.clear();
        sendingLimit = false;
        idleTimeout = defaultIdleTimeout;
        mailFromTimeouts.set(0);
    }

    /** The switches as they stand, for the admin API. */
    public Map<String, Object> snapshot() {
        return Map.of("sendAsDenied", Set.copyOf(sendAsDenied), "pendingFailures",
                nextFailures.stream().map(Enum::name).toList(), "sendingLimit", sendingLimit, "idleTimeout",
                idleTimeout.toString(), "pendingMailFromTimeouts", mailFromTimeouts.get());
    }

    SmtpAuthFlags authFlags() {
        return authFlags;
    }

    boolean sendAsDenied(String upn) {
        return sendAsDenied.contains(key(upn));
    }

    boolean sendingLimitOn() {
        return sendingLimit;
    }

    boolean takeMailFromTimeout() {
        return mailFromTimeouts.getAndUpdate(n -> Math.max(n - 1, 0)) > 0;
    }

    Optional<SmtpFailure> takeNextFailure() {
        return Optional.ofNullable(nextFailures.poll());
    }

    private static void toggle(Set<String> set, String value, boolean member) {
        if (member) {
            set.add(key(value));
        } else {
            set.remove(key(value));
        }
    }

    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
