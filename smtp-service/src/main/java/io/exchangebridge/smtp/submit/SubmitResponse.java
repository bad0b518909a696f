package io.exchangebridge.smtp.submit;

import java.util.UUID;

/** Answer of {@code POST /api/messages}: the id to follow, and the Message-ID the recipients will see. */
public record SubmitResponse(UUID id, String messageId, String status) {
}
