package io.exchangebridge.simulator.smtp;

/** A transient failure Exchange Online answers at the end of DATA; the message is not accepted. */
public enum SmtpFailure {
    /** {@code 430 4.2.0 STOREDRV; mailbox logon failure; ...}: the client should retry later. */
    MAILBOX_LOGON_FAILURE,
    /** {@code 421 4.3.2 Service not available, closing transmission channel}, then the connection is closed. */
    SERVICE_NOT_AVAILABLE,
    /** The connection is closed without any reply: the client cannot know whether the message went out. */
    DROP_CONNECTION
}
