package io.exchangebridge.smtp.submit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.problem.DatabaseUnavailable;
import io.exchangebridge.foundation.text.TextRule;
import io.exchangebridge.smtp.metrics.RelayMetrics;
import io.exchangebridge.smtp.outbox.EnqueueResult;
import io.exchangebridge.smtp.outbox.IdempotencyKeyReused;
import io.exchangebridge.smtp.outbox.NewMessage;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.outbox.OutboxWorkers;
import io.exchangebridge.smtp.route.RouteStore;

/** Stores prepared messages in the outbox (durably, before anyone is told "accepted") and wakes the workers. */
@ApplicationScoped
public class SubmissionService {

    private final OutboxStore outbox;
    private final RouteStore routes;
    private final OutboxWorkers workers;
    private final RelayMetrics metrics;

    public SubmissionService(OutboxStore outbox, RouteStore routes, OutboxWorkers workers, RelayMetrics metrics) {
        this.outbox = outbox;
        this.routes = routes;
        this.workers = workers;
        this.metrics = metrics;
    }

    /**
     * Stores a message. {@code requestBytes} identifies the request for the idempotency key: the same key with other
     * content is a conflict.
     *
     * @throws SubmissionRefused
     *             when the key is invalid or reused, or no route covers the sender
     */
    public EnqueueResult submit(String submittedBy, String idempotencyKey, byte[] requestBytes, PreparedMessage m) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new SubmissionRefused.BadField("Header 'Idempotency-Key' must be 1 to 200 characters.");
        }
        // Headers pass no JSON reader and no parameter filter: the foundation's text rule is applied here.
        String violation = idempotencyKey == null ? null : TextRule.violation(idempotencyKey, false);
        if (violation != null) {
            throw new SubmissionRefused.BadField("Header 'Idempotency-Key' contains " + violation + ".");
        }
        String hash = idempotencyKey == null ? null : sha256(requestBytes);
        return store(new NewMessage(submittedBy, idempotencyKey, hash, m.mailFrom(), m.recipients(), m.messageId(),
                m.mime(), m.subject()), null);
    }

    /**
     * Stores a message without an idempotency key, running {@code alongside} (an audit entry) in the transaction that
     * stores it.
     *
     * @throws SubmissionRefused
     *             when no route covers the sender
     */
    public EnqueueResult submit(String submittedBy, PreparedMessage m, OutboxStore.InTransaction alongside) {
        return store(new NewMessage(submittedBy, null, null, m.mailFrom(), m.recipients(), m.messageId(), m.mime(),
                m.subject()), alongside);
    }

    private EnqueueResult store(NewMessage m, OutboxStore.InTransaction alongside) {
        try {
            return storeOrThrow(m, alongside);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedAnywhereIn(e)) {
                metrics.intakeRefused("database");
            }
            throw e;
        }
    }

    private EnqueueResult storeOrThrow(NewMessage m, OutboxStore.InTransaction alongside) {
        if (routes.resolve(m.mailFrom()).isEmpty()) {
            throw new SubmissionRefused.NoRoute(m.mailFrom());
        }
        EnqueueResult result;
        try {
            result = outbox.enqueue(m, alongside);
        } catch (IdempotencyKeyReused e) {
            throw new SubmissionRefused.KeyReused(m.idempotencyKey());
        }
        workers.wake();
        return result;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
