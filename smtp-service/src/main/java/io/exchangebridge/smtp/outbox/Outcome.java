package io.exchangebridge.smtp.outbox;

import java.time.Instant;

/** What became of one delivery attempt, as the worker writes it to the outbox. */
sealed interface Outcome {

    record Sent(String reply) implements Outcome {
    }

    record Failed(String reply, String explanation) implements Outcome {
    }

    record Retry(String reply, String explanation, Instant nextAttemptAt) implements Outcome {
    }

    /** No pacing slot free: the claim is given back without counting as an attempt. */
    record Postponed(Instant until) implements Outcome {
    }
}
