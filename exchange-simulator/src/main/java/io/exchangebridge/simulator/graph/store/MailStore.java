package io.exchangebridge.simulator.graph.store;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The mail of every simulated mailbox, keyed by UPN (case-insensitive). Mailboxes are created on first use. */
public final class MailStore {

    private final Clock clock;
    private final ConcurrentMap<String, MailboxStore> mailboxes = new ConcurrentHashMap<>();
    private final List<MailListener> listeners = new CopyOnWriteArrayList<>();
    private final MailListener fanOut = change -> listeners.forEach(l -> l.changed(change));

    public MailStore(Clock clock) {
        this.clock = clock;
    }

    /** The store of one mailbox by UPN, with the well-known folders Exchange creates. */
    public MailboxStore mailbox(String upn) {
        return mailboxes.computeIfAbsent(upn.toLowerCase(Locale.ROOT), key -> new MailboxStore(key, clock, fanOut));
    }

    /** What the mailbox submitted through Graph {@code sendMail}. */
    public List<SentMail> sent(String upn) {
        return mailbox(upn).sent();
    }

    /** Records a sendMail submission; called by the Graph API. */
    public void recordSent(SentMail mail) {
        mailbox(mail.mailbox()).recordSent(mail);
    }

    /** Tells the listener of every message change in every mailbox from now on. */
    public void addListener(MailListener listener) {
        listeners.add(listener);
    }

    public void clear() {
        mailboxes.clear();
    }
}
