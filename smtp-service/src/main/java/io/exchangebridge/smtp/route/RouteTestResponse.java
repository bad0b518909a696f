package io.exchangebridge.smtp.route;

import java.util.UUID;

/** Answer of {@code POST /api/routes/{id}/test}: the test message's id, status and where to follow it. */
public record RouteTestResponse(UUID id, String status, String statusUrl) {
}
