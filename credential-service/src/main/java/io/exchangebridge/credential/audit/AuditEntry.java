package io.exchangebridge.credential.audit;

import java.time.Instant;

/** One line of the audit log; {@code count} aggregates identical hand-outs of one second. Never a secret or a token. */
public record AuditEntry(Instant at, String actor, String action, String credentialId, String resource,
        String result, long count) {
}
