package io.exchangebridge.simulator.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Exchange Online's SMTP reply texts. Errors end like Exchange's with {@code [host timestamp connection-id]}, so
 * clients that log or parse them see the real shape.
 */
final class ExchangeReplies {

    static final String AUTH_SUCCESSFUL = "235 2.7.0 Authentication successful";
    static final String SENDER_OK = "250 2.1.0 Sender OK";
    static final String RECIPIENT_OK = "250 2.1.5 Recipient OK";
    static final String START_MAIL_INPUT = "354 Start mail input; end with <CRLF>.<CRLF>";
    static final String TLS_READY = "220 2.0.0 SMTP server ready";
    static final String RESETTING = "250 2.0.0 Resetting";
    static final String OK = "250 2.0.0 OK";
    static final String CLOSING = "221 2.0.0 Service closing transmission channel";
    static final String INVALID_XOAUTH2 = "501 5.5.124 Invalid XOAUTH2 auth data";
    static final String SERVICE_NOT_AVAILABLE = "4.3.2 Service not available, closing transmission channel";

    private final String host;
    private final Clock clock;

    ExchangeReplies(String host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    String host() {
        return host;
    }

    String greetingDate() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(clock.getZone()))
                .replace("GMT", "+0000");
    }

    /** {@code [host 2026-11-22T20:59:57.214Z 08DBB276B7E699C4]} */
    String suffix(String connectionId) {
        return "[" + host + " " + clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + connectionId + "]";
    }

    String authUnsuccessful(String connectionId) {
        return "535 5.7.3 Authentication unsuccessful " + suffix(connectionId);
    }

    String smtpAuthDisabled(boolean forMailbox, String connectionId) {
        return "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
                + (forMailbox ? "Mailbox" : "Tenant")
                + ". Visit https://aka.ms/smtp_auth_disabled for more information. " + suffix(connectionId);
    }

    String basicAuthDisabled(String connectionId) {
        return "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. " + suffix(connectionId);
    }

    String unrecognizedAuthType(String connectionId) {
        return "504 5.7.4 Unrecognized authentication type " + suffix(connectionId);
    }

    String notAuthenticated(String connectionId) {
        return "530 5.7.57 Client not authenticated to send mail. " + suffix(connectionId);
    }

    String badSequence(String connectionId) {
        return "503 5.5.1 Bad sequence of commands " + suffix(connectionId);
    }

    String sendHelloFirst(String connectionId) {
        return "503 5.5.2 Send hello first " + suffix(connectionId);
    }

    String syntaxError(String connectionId) {
        return "501 5.5.4 Invalid arguments " + suffix(connectionId);
    }

    String messageTooBig() {
        return "552 5.3.4 Message size exceeds fixed maximum message size";
    }

    /** Exchange rejects Send As only once the whole message is in, at the end of DATA. */
    String sendAsDenied(String user, String from) {
        return "554 5.2.252 SendAsDenied; " + user + " not allowed to send as " + from
                + "; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process"
                + " message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message."
                + " [EndDiagnosticData] [Hostname=" + host + "]";
    }

    /**
     * RCPT TO beyond the recipients one message may have (RFC 5321 section 4.5.3.1.10: 452; the wording is Exchange
     * Online Protection's, {@code 452 4.5.3 Too many recipients}).
     */
    static final String TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients";

    /**
     * End of DATA when the mailbox is over its recipients per day: Microsoft's SMTP AUTH limits documentation names
     * {@code 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException}; the rest is worded as the other
     * STOREDRV submission errors.
     */
    String submissionQuotaExceeded() {
        return "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to"
                + " a permanent exception with message [BeginDiagnosticData]Cannot submit message. [EndDiagnosticData]"
                + " [Hostname=" + host + "]";
    }

    /** End of DATA when the tenant is over its external recipient rate (TERRL, NDR code 5.7.233). */
    String tenantExternalRecipientRate() {
        return "5.7.233 Your message can't be sent because your tenant has exceeded its daily limit for sending email"
                + " to external recipients (tenant external recipient rate limit) [Hostname=" + host + "]";
    }

    String mailboxLogonFailure() {
        return "4.2.0 STOREDRV; mailbox logon failure; Failed to process message due to a transient exception with"
                + " message [BeginDiagnosticData]Cannot open mailbox.[EndDiagnosticData] [Hostname=" + host + "]";
    }

    /** Exchange Online's client-submission throttling reply. */
    String submissionThrottled() {
        return "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=" + host + "]";
    }

    /**
     * What Exchange Online says when it ends a connection on a timeout, with the session's age as a .NET TimeSpan
     * ({@code 421 4.4.1 Connection timed out. Total session duration: 00:05:00.7054661}, as reported by peer projects
     * from Exchange Online: zone-eu/zone-mta#161, haraka/Haraka#2321).
     */
    static String connectionTimedOut(Duration session) {
        return String.format("421 4.4.1 Connection timed out. Total session duration: %02d:%02d:%02d.%07d",
                session.toHours(), session.toMinutesPart(), session.toSecondsPart(), session.toNanosPart() / 100);
    }

    String queued(String messageId) {
        return "2.0.0 OK " + messageId + " [Hostname=" + host + "]";
    }
}
