package io.exchangebridge.importer.notification;

/** What a subscription watches: the account's mail folder (new messages) or its calendar (every change). */
public enum SubscriptionKind {
    MAIL("created"), CALENDAR("created,updated,deleted");

    private final String changeType;

    SubscriptionKind(String changeType) {
        this.changeType = changeType;
    }

    /** Graph's {@code changeType} of the subscription. */
    public String changeType() {
        return changeType;
    }
}
