package io.exchangebridge.smtp.delivery;

/**
 * A delivery attempt failed. {@code permanent}: Exchange refused for good (5xx) and the explanation tells the
 * administrator what to do; otherwise the outbox tries again later.
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final String reply;
    private final String explanation;

    public DeliveryException(boolean permanent, String reply, String explanation) {
        super(explanation, null, false, false);
        this.permanent = permanent;
        this.reply = reply;
        this.explanation = explanation;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The upstream reply (e.g. {@code 554 5.2.252 SendAsDenied; ...}), or a short description of a network error. */
    public String reply() {
        return reply;
    }

    public String explanation() {
        return explanation;
    }
}
