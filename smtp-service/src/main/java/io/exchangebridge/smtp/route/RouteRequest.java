package io.exchangebridge.smtp.route;

/** Body of {@code POST /api/routes}. */
public record RouteRequest(String sender, String credentialId, String mailbox, Transport transport) {
}
