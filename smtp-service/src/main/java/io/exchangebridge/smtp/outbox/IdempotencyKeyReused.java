package io.exchangebridge.smtp.outbox;

/** The submitter already used the idempotency key for a message with other content: nothing was stored. */
public final class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused() {
        super("The idempotency key was already used for a different message.", null, false, false);
    }
}
