package io.exchangebridge.credential.ui;

import java.util.function.Function;

/**
 * The answer of another service: a value, or why there is none.
 *
 * @param value
 *            the answer's body, read into the console's own record; null for an empty answer or a failure
 * @param failure
 *            null when the call succeeded
 */
public record PeerResult<T>(T value, PeerFailure failure) {

    public static <T> PeerResult<T> ok(T value) {
        return new PeerResult<>(value, null);
    }

    public static <T> PeerResult<T> failed(PeerFailure failure) {
        return new PeerResult<>(null, failure);
    }

    public boolean ok() {
        return failure == null;
    }

    /** The value, or {@link PeerFailure.Raised} for an error page. */
    public T orThrow() {
        if (failure != null) {
            throw new PeerFailure.Raised(failure);
        }
        return value;
    }

    /** The value, or {@code fallback} of the failure. */
    public T orElse(Function<PeerFailure, T> fallback) {
        return failure == null ? value : fallback.apply(failure);
    }

    /** The failure's message, or null. */
    public String error() {
        return failure == null ? null : failure.message();
    }
}
