package io.exchangebridge.smtp.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.foundation.tracing.ContinuedSpan;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.exchangebridge.smtp.delivery.DeliveryException;
import io.exchangebridge.smtp.delivery.GraphDelivery;
import io.exchangebridge.smtp.delivery.SmtpDelivery;
import io.exchangebridge.smtp.limits.RecipientLimits;
import io.exchangebridge.smtp.metrics.RelayMetrics;
import io.exchangebridge.smtp.pacing.MailboxPacer;
import io.exchangebridge.smtp.route.RouteStore;
import io.exchangebridge.smtp.route.SenderRoute;
import io.exchangebridge.smtp.route.Transport;
import io.exchangebridge.smtp.tracing.RelayTraces;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The delivery workers of this replica: each claims due messages, takes a pacing slot for the route's mailbox and
 * delivers. Temporary failures are retried with exponential backoff and jitter until {@code relay.outbox.max-age};
 * permanent ones end as FAILED with an explanation.
 */
@ApplicationScoped
public class OutboxWorkers {

    private final RelayConfig config;
    private final OutboxStore outbox;
    private final RouteStore routes;
    private final MailboxPacer pacer;
    private final SmtpDelivery smtp;
    private final GraphDelivery graph;
    private final ClaimRenewal claims;
    private final RecipientLimits limits;
    private final RetryPolicy retries;
    private final RelayTraces traces;
    private final RelayMetrics metrics;
    private static final Duration MAX_RECORD_WAIT = Duration.ofSeconds(5);
    /** The longest a delivered message waits for the SENT of its batch (a slow Exchange makes batches long). */
    static final Duration SENT_FLUSH_AFTER = Duration.ofSeconds(1);

    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public OutboxWorkers(RelayConfig config, OutboxStore outbox, RouteStore routes, MailboxPacer pacer,
            SmtpDelivery smtp, GraphDelivery graph, ClaimRenewal claims, RecipientLimits limits,
            RelayTraces traces, RelayMetrics metrics) {
        this.config = config;
        this.outbox = outbox;
        this.routes = routes;
        this.pacer = pacer;
        this.smtp = smtp;
        this.graph = graph;
        this.claims = claims;
        this.limits = limits;
        this.traces = traces;
        this.retries = new RetryPolicy(config.outbox());
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < config.outbox().workers(); i++) {
            threads.add(Thread.ofPlatform().name("outbox-worker-" + i).daemon().start(this::loop));
        }
        Log.infof("Started %d outbox workers", threads.size());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes idle workers: a message was just stored. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            List<ClaimedMessage> batch;
            // the claim holds until about now + claim-timeout by the database's clock, and ClaimRenewal extends it
            Instant claimedAt = Instant.now();
            try {
                batch = outbox.claim(config.outbox().batchSize(), config.outbox().claimTimeout());
            } catch (RuntimeException e) {
                Log.warnf("Claiming messages failed: %s", e.getClass().getSimpleName());
                batch = List.of();
            }
            if (batch.isEmpty()) {
                if (!pause(config.outbox().pollInterval())) {
                    return;
                }
                continue;
            }
            claims.hold(batch);
            deliverBatch(batch, claimedAt);
        }
    }

    /**
     * Delivers a claimed batch. SENT is written for the batch's delivered messages together, in one statement, once the
     * batch is done or {@link #SENT_FLUSH_AFTER} after the first of them was sent, whichever comes first: a crash
     * before that sends those messages once more (with the same Message-ID) when their claims run out, as a crash
     * between a send and its SENT always has. Every other outcome is written at once.
     */
    private void deliverBatch(List<ClaimedMessage> batch, Instant claimedAt) {
        List<ClaimedMessage> sentMessages = new ArrayList<>();
        List<OutboxStore.SentMark> sent = new ArrayList<>();
        long firstSent = 0;
        try {
            for (ClaimedMessage m : batch) {
                if (!running) {
                    return; // the claims of the rest run out and another worker or replica takes them over
                }
                if (!claims.stillHeld(m)) {
                    Log.infof("The claim on %s was taken over while it waited in the batch; not delivering it",
                            m.id());
                    claims.release(m);
                    continue;
                }
                Outcome outcome = attempt(m);
                count(outcome);
                if (outcome instanceof Outcome.Sent ok) {
                    if (sent.isEmpty()) {
                        firstSent = System.nanoTime();
                    }
                    sentMessages.add(m);
                    sent.add(new OutboxStore.SentMark(m.id(), m.attempts(), ok.reply(), ok.transport()));
                } else {
                    try {
                        record("the outcome (" + outcome.getClass().getSimpleName() + ") of " + m.id(),
                                () -> write(m, outcome), claims.recordBy(claimedAt));
                    } finally {
                        claims.release(m);
                    }
                }
                if (!sent.isEmpty() && System.nanoTime() - firstSent > SENT_FLUSH_AFTER.toNanos()) {
                    recordSent(sentMessages, sent, claimedAt);
                }
            }
        } finally {
            recordSent(sentMessages, sent, claimedAt);
        }
    }

    private void recordSent(List<ClaimedMessage> messages, List<OutboxStore.SentMark> sent, Instant claimedAt) {
        if (sent.isEmpty()) {
            return;
        }
        try {
            List<OutboxStore.SentMark> marks = List.copyOf(sent);
            record("SENT of " + marks.size() + " messages", () -> outbox.markSent(marks), claims.recordBy(claimedAt));
        } finally {
            messages.forEach(claims::release);
            messages.clear();
            sent.clear();
        }
    }

    private void count(Outcome outcome) {
        switch (outcome) {
            case Outcome.Sent s -> metrics.delivery(s.transport(), "sent", s.reply());
            case Outcome.Retry r -> metrics.delivery(r.transport(), "retrying", r.reply());
            case Outcome.Failed f -> metrics.delivery(f.transport(), "failed", f.reply());
            case Outcome.Postponed p -> metrics.pacingDelay();
            case Outcome.Deferred d -> {
                // held back by the recipient limits: counted in relay_messages_deferred_total (LimitMetrics)
            }
        }
    }

    /** Delivers a claimed message and answers what became of it; never throws. */
    private Outcome attempt(ClaimedMessage m) {
        try (ContinuedSpan span = traces.delivery(m)) {
            Outcome outcome = attemptUntraced(m);
            traces.ended(span, outcome.getClass().getSimpleName(), outcome.transportName(),
                    outcome instanceof Outcome.Failed);
            return outcome;
        }
    }

    private Outcome attemptUntraced(ClaimedMessage m) {
        try {
            return process(m);
        } catch (RuntimeException e) {
            Log.errorf("Unexpected failure delivering %s: %s", m.id(), e.getClass().getName());
            return retries.retryOrFail(m, "internal error", "An unexpected error occurred; trying again.", null, null);
        }
    }

    private Outcome process(ClaimedMessage m) {
        Optional<SenderRoute> found = routes.resolve(m.mailFrom());
        if (found.isEmpty()) {
            return new Outcome.Failed(null, "No sender route covers '" + m.mailFrom()
                    + "' any more: add one in /api/routes and submit the message again.", null);
        }
        SenderRoute route = found.get();
        RecipientLimits.Admission admission = limits.admit(route.mailbox(), m.mailFrom(), m.recipients());
        if (admission instanceof RecipientLimits.Admission.Held held) {
            return new Outcome.Deferred(held.until(), null, held.explanation(), false, null);
        }
        if (admission instanceof RecipientLimits.Admission.Impossible impossible) {
            return new Outcome.Failed(null, impossible.explanation(), null);
        }
        Outcome outcome = null;
        try {
            outcome = paced(route, m);
            return outcome;
        } finally {
            if (!(outcome instanceof Outcome.Sent)) {
                limits.giveBack(admission);
            }
        }
    }

    private Outcome paced(SenderRoute route, ClaimedMessage m) {
        MailboxPacer.Slot slot = pacer.tryTake(route.mailbox());
        if (!slot.taken()) {
            return new Outcome.Postponed(slot.waitUntil());
        }
        try {
            return deliverOnce(route, m);
        } finally {
            pacer.sent(route.mailbox(), slot);
        }
    }

    private Outcome deliverOnce(SenderRoute route, ClaimedMessage m) {
        Transport used = route.transport();
        try {
            String reply;
            if (used == Transport.GRAPH) {
                reply = graph.deliver(route, m);
            } else {
                try {
                    reply = smtp.deliver(route, m);
                } catch (DeliveryException e) {
                    if (!e.permanent() || e.reply() == null || !e.reply().contains("5.7.139")
                            || !config.graph().fallbackOnSmtpAuthDisabled()) {
                        throw e;
                    }
                    Log.infof("SMTP AUTH is disabled for %s; delivering %s through Graph", route.mailbox(), m.id());
                    used = Transport.GRAPH;
                    reply = graph.deliver(route, m);
                }
            }
            // DEBUG: at INFO this line was a tenth of the relay's CPU under load; the outbox row records every send
            Log.debugf("Delivered %s as %s (attempt %d)", m.id(), route.mailbox(), m.attempts());
            return new Outcome.Sent(reply, used);
        } catch (DeliveryException e) {
            Outcome limited = limitRefusal(route, e, used);
            if (limited != null) {
                return limited;
            }
            if (e.permanent()) {
                Log.warnf("Delivery of %s failed for good: %s", m.id(), e.reply());
                return new Outcome.Failed(e.reply(), e.explanation(), used);
            }
            return retries.retryOrFail(m, e.reply(), e.explanation(), e.retryAfter(), used);
        } catch (CredentialFailure.Unavailable e) {
            return retries.retryOrFail(m, null, e.getMessage(), e.retryAfter().orElse(null), used);
        } catch (CredentialFailure e) {
            return new Outcome.Failed(null, e.getMessage(), used);
        }
    }

    /** Exchange refused for its recipient limits: a quota defers the message, too many recipients fails it. */
    private Outcome limitRefusal(SenderRoute route, DeliveryException e, Transport used) {
        RecipientLimits.Admission refused = limits.exchangeRefused(route.mailbox(), e.reply());
        if (refused instanceof RecipientLimits.Admission.Held held) {
            return new Outcome.Deferred(held.until(), e.reply(), held.explanation(), true, used);
        }
        if (refused instanceof RecipientLimits.Admission.Impossible impossible) {
            return new Outcome.Failed(e.reply(), impossible.explanation(), used);
        }
        return null;
    }

    /**
     * Writes the outcome, retrying while the database is unavailable until shortly before the claim runs out. A sent
     * message whose outcome could not be written is claimed again later and sent a second time, with the same
     * Message-ID; waiting here for the database makes that rare (it takes an outage longer than the claim). The worker
     * never dies of it.
     */
    private void record(String what, Runnable write, Instant recordBy) {
        Duration wait = Duration.ofMillis(250);
        while (true) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (!running || Instant.now().plus(wait).isAfter(recordBy)) {
                    Log.warnf("Could not record %s: %s; attempted again when the claim runs out", what,
                            e.getClass().getSimpleName());
                    return;
                }
                Log.debugf("Recording %s failed (%s); trying again in %s", what, e.getClass().getSimpleName(), wait);
                if (!pause(wait)) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_RECORD_WAIT) > 0 ? MAX_RECORD_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private void write(ClaimedMessage m, Outcome outcome) {
        switch (outcome) {
            case Outcome.Sent sent -> outbox.markSent(List.of(new OutboxStore.SentMark(m.id(), m.attempts(),
                    sent.reply(), sent.transport())));
            case Outcome.Failed failed -> outbox.markFailed(m, failed.reply(), failed.explanation(),
                    failed.transport());
            case Outcome.Retry retry -> outbox.markRetrying(m, retry.reply(), retry.explanation(),
                    retry.nextAttemptAt(), retry.transport());
            case Outcome.Postponed postponed -> outbox.postpone(m, postponed.until());
            case Outcome.Deferred deferred -> outbox.defer(m, deferred.until(), deferred.reply(),
                    deferred.explanation(), deferred.attempted(), deferred.transport());
        }
    }

    /** Waits for the time or a {@link #wake()}; false when the worker is interrupted (shutdown). */
    private boolean pause(Duration time) {
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, time.toMillis()));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
