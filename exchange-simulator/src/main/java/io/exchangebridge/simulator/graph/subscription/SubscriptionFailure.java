package io.exchangebridge.simulator.graph.subscription;

/**
 * Why a subscription call was refused, with Graph's error code. The Graph API answers it with {@link Kind#status()};
 * the Java API lets it through to the test that asked.
 */
public final class SubscriptionFailure extends RuntimeException {

    /** The kinds of refusal. */
    public enum Kind {
        /** No such subscription (or another application's). */
        NOT_FOUND(404),
        /** The body is invalid: resource, changeType, URL or expiration. */
        INVALID(400),
        /** The notification or lifecycle URL did not answer the validation request as Graph requires. */
        VALIDATION_FAILED(400);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status Graph answers it with. */
        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;

    SubscriptionFailure(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Graph's {@code error.code}. */
    public String code() {
        return code;
    }

    static SubscriptionFailure notFound() {
        return new SubscriptionFailure(Kind.NOT_FOUND, "ResourceNotFound", "The object was not found.");
    }

    /** Graph reports most subscription refusals as {@code ExtensionError} (see the README's sources). */
    static SubscriptionFailure invalid(String message) {
        return new SubscriptionFailure(Kind.INVALID, "ExtensionError", message);
    }

    static SubscriptionFailure badRequest(String message) {
        return new SubscriptionFailure(Kind.INVALID, "InvalidRequest", message);
    }

    static SubscriptionFailure validationFailed(boolean timedOut) {
        return new SubscriptionFailure(Kind.VALIDATION_FAILED, "ValidationError", timedOut
                ? "Subscription validation request timed out."
                : "Subscription validation request failed. Notification endpoint must respond with 200 OK to"
                        + " validation request.");
    }
}
