package io.exchangebridge.smtp.route;

/**
 * Body of {@code POST /api/routes/{id}/test}: the recipient, and optionally the address to send from (by default the
 * route's sender address, or for a domain route its mailbox when that is in the domain).
 */
public record RouteTestRequest(String to, String from) {
}
