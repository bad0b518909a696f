package io.exchangebridge.smtp.outbox;

import java.util.List;

/**
 * A page of the outbox, newest first.
 *
 * @param nextCursor
 *            pass as {@code cursor} for the next (older) page; null on the last page
 */
public record MessagePage(List<ListedMessage> items, String nextCursor) {
}
