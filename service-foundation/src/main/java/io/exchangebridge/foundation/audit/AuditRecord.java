package io.exchangebridge.foundation.audit;

import java.time.Instant;

/**
 * One entry of a service's audit log: who did what to which object, when, and how it ended.
 *
 * @param service
 *            the service that wrote it ({@code quarkus.application.name}), so that a merged view can say where
 * @param actor
 *            the authenticated user; {@code "alice via console"} when an admin client acted for a person
 * @param target
 *            the object acted on: a credential, mailbox or route id
 * @param detail
 *            what else matters, such as the resource of a token; never a secret
 * @param count
 *            how many identical events this entry stands for (token hand-outs are counted, not listed)
 */
public record AuditRecord(long id, Instant at, String service, String actor, String action, String target,
        String detail, String result, long count) {
}
