package io.exchangebridge.smtp.outbox;

import java.time.Instant;

import io.exchangebridge.smtp.route.Transport;

/**
 * What became of one delivery attempt, as the worker writes it to the outbox; {@code transport} is the one the attempt
 * used (GRAPH after a fallback), null when it got no route.
 */
sealed interface Outcome {

    /** The transport the attempt used, as its name, for the delivery span; null when it used none. */
    default String transportName() {
        return switch (this) {
            case Sent s -> name(s.transport());
            case Failed f -> name(f.transport());
            case Retry r -> name(r.transport());
            case Deferred d -> name(d.transport());
            case Postponed p -> null;
        };
    }

    private static String name(Transport t) {
        return t == null ? null : t.name();
    }

    record Sent(String reply, Transport transport) implements Outcome {
    }

    record Failed(String reply, String explanation, Transport transport) implements Outcome {
    }

    record Retry(String reply, String explanation, Instant nextAttemptAt, Transport transport) implements Outcome {
    }

    /**
     * Held back by the recipient limits until {@code until} (DEFERRED); {@code attempted}: Exchange refused it, which
     * counts as an attempt, else it was held before any was made.
     */
    record Deferred(Instant until, String reply, String explanation, boolean attempted, Transport transport)
            implements
                Outcome {
    }

    /** No pacing slot free: the claim is given back without counting as an attempt. */
    record Postponed(Instant until) implements Outcome {
    }
}
