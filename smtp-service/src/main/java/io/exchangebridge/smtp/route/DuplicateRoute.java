package io.exchangebridge.smtp.route;

/** A route for this sender exists already: senders are unique, the existing route is left as it is. */
public final class DuplicateRoute extends RuntimeException {

    public DuplicateRoute(String sender) {
        super("A route for sender '" + sender + "' already exists.", null, false, false);
    }
}
