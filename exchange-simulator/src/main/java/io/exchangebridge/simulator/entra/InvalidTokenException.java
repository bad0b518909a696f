package io.exchangebridge.simulator.entra;

/** A bearer token that must be refused. The message is Graph's wording, safe to show to the client. */
public class InvalidTokenException extends Exception {

    /** Why the token was refused. */
    public enum Reason {
        MALFORMED, BAD_SIGNATURE, EXPIRED, APP_DISABLED
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
