package io.exchangebridge.importer.event;

/** The body of an event webhook: {@code type} is {@code event.created|event.updated|event.deleted}. */
public record EventWebhookBody(String type, EventView event) {
}
