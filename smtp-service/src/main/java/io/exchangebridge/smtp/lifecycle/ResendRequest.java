package io.exchangebridge.smtp.lifecycle;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /api/messages/{id}/resend} (optional): {@code newMessageId} gives the resend a new Message-ID.
 * Read with the ObjectMapper rather than by Quarkus REST (the body may be absent), hence registered for reflection.
 */
@RegisterForReflection
public record ResendRequest(Boolean newMessageId) {
}
