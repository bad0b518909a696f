package io.exchangebridge.smtp.route;

import java.time.Instant;
import java.util.UUID;

/**
 * A sender route: mail from {@code sender} (an address, or a whole domain) is delivered by authenticating as
 * {@code mailbox} with a token of credential {@code credentialId}.
 */
public record SenderRoute(UUID id, String sender, String credentialId, String mailbox, Transport transport,
        Instant createdAt) {
}
