package io.exchangebridge.smtp.route;

/** Body of {@code POST /api/routes} and {@code PUT /api/routes/{id}}. */
public record RouteRequest(String sender, String credentialId, String mailbox, Transport transport) {
}
