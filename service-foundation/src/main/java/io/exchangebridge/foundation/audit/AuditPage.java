package io.exchangebridge.foundation.audit;

import java.util.List;

/**
 * A page of the audit log, newest first.
 *
 * @param nextCursor
 *            pass as {@code cursor} for the next (older) page; {@code null} on the last page
 */
public record AuditPage(List<AuditRecord> items, String nextCursor) {
}
