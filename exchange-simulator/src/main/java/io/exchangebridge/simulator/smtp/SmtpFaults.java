package io.exchangebridge.simulator.smtp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

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
    private volatile boolean sendingLimit;

    SmtpFaults(SmtpAuthFlags authFlags) {
        this.authFlags = authFlags;
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

    /** Back to a healthy service; the SMTP AUTH flags are the directory's and stay as they are. */
    public void reset() {
        sendAsDenied.clear();
        nextFailures.clear();
        sendingLimit = false;
    }

    /** The switches as they stand, for the admin API. */
    public Map<String, Object> snapshot() {
        return Map.of("sendAsDenied", Set.copyOf(sendAsDenied), "pendingFailures",
                nextFailures.stream().map(Enum::name).toList(), "sendingLimit", sendingLimit);
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
