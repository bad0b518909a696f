package io.exchangebridge.smtp.lifecycle;

import io.exchangebridge.smtp.outbox.MessageStatus;
import io.exchangebridge.smtp.outbox.StoredMessage;

/** What became of a cancel or a resend. */
public sealed interface LifecycleResult {

    /** Done: the message as it is now. */
    record Changed(StoredMessage message) implements LifecycleResult {
    }

    /** No such message, or one the caller may not see. */
    record NotFound() implements LifecycleResult {
    }

    /** The message is in a state that does not allow it; {@code reason} says why, for the caller. */
    record Refused(MessageStatus status, String reason) implements LifecycleResult {
    }
}
