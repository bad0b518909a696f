package io.exchangebridge.simulator.smtp;

import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.entra.TokenVerifier;
import io.exchangebridge.simulator.limits.SendingLimits;
import io.exchangebridge.simulator.log.RequestLog;

/**
 * The simulated smtp.office365.com:587: STARTTLS, AUTH XOAUTH2 checked against the simulated Entra ID, Exchange's
 * replies and limits, and every accepted message kept byte for byte in the {@link #outbox()}.
 *
 * <p> Built on subethasmtp for its connection handling and STARTTLS; every command a client uses is replaced through
 * the server's command handler, because subethasmtp's stock replies ({@code 250 Ok}, {@code 530 Must issue a
 * STARTTLS command first}) are not Exchange's and clients branch on the enhanced status codes.
 */
public final class ExchangeSmtpServer {

    private final SmtpSettings settings;
    private final SmtpFaults faults;
    private final SmtpOutbox outbox = new SmtpOutbox();
    private final SMTPServer server;
    private final IdleSessions idleSessions;
    private final SendingLimits limits;

    /** With Exchange Online's settings and SMTP AUTH switches of its own. */
    public ExchangeSmtpServer(SSLContext sslContext, Directory directory, TokenVerifier tokenVerifier,
            RequestLog requestLog) {
        this(sslContext, directory, tokenVerifier, requestLog, SmtpSettings.defaults(), SmtpAuthFlags.inMemory());
    }

    /**
     * @param sslContext
     *            the server side of STARTTLS (the simulator's self-signed certificate)
     * @param authFlags
     *            where the SMTP AUTH switches live; {@link DirectorySmtpAuthFlags} inside the simulator
     */
    public ExchangeSmtpServer(SSLContext sslContext, Directory directory, TokenVerifier tokenVerifier,
            RequestLog requestLog, SmtpSettings settings, SmtpAuthFlags authFlags) {
        this(sslContext, directory, tokenVerifier, requestLog, settings, authFlags,
                new SendingLimits(directory, settings.clock()));
    }

    /**
     * @param limits
     *            the recipient limits, shared with Graph inside the simulator
     */
    public ExchangeSmtpServer(SSLContext sslContext, Directory directory, TokenVerifier tokenVerifier,
            RequestLog requestLog, SmtpSettings settings, SmtpAuthFlags authFlags, SendingLimits limits) {
        this.settings = settings;
        this.limits = limits;
        this.faults = new SmtpFaults(authFlags, settings.idleTimeout());
        ExchangeReplies replies = new ExchangeReplies(settings.hostName(), settings.clock());
        SmtpContext context = new SmtpContext(settings, replies, faults,
                new SmtpTokenCheck(tokenVerifier, directory, faults), directory,
                new SendingLimit(settings.messagesPerMinute(), settings.clock()), new SenderConnections(), outbox,
                requestLog, limits);
        this.idleSessions = new IdleSessions(context);
        // subethasmtp greets with "220 <hostName> ESMTP <softwareName>": this yields Exchange's
        // "220 <host> Microsoft ESMTP MAIL Service ready at <date>" (the date is the start time)
        this.server = SMTPServer.port(settings.port()).bindAddress(settings.bindAddress())
                .hostName(settings.hostName() + " Microsoft")
                .softwareName("MAIL Service ready at " + replies.greetingDate())
                .messageHandlerFactory(ctx -> new Submission((Session) ctx, context)).enableTLS(true)
                .startTlsSocketFactory(sslContext, false).serverSocketFactory(FilteredSocket::filteringServerSocket)
                .maxMessageSize(settings.maxMessageSize())
                // no read timeout of subethasmtp's own (its 421 is not Exchange's): IdleSessions times out idle ones
                .connectionTimeoutMs(0).sessionHandler(idleSessions)
                .serverThreadName("exchange-smtp").build();
        for (Command command : commands(context)) {
            server.getCommandHandler().addCommand(command);
        }
    }

    private static List<Command> commands(SmtpContext context) {
        List<Command> commands = new ArrayList<>(List.of(new ExchangeEhloCommand(context),
                new ExchangeStartTlsCommand(context), new ExchangeAuthCommand(context),
                new ExchangeMailCommand(context),
                new ExchangeRcptCommand(context), new ExchangeDataCommand(context)));
        commands.addAll(ExchangeSimpleCommands.all(context));
        return commands;
    }

    /** Recipients per message, per mailbox per day and the tenant's external recipient rate. */
    public SendingLimits limits() {
        return limits;
    }

    public ExchangeSmtpServer start() {
        server.start();
        idleSessions.start();
        return this;
    }

    public void stop() {
        idleSessions.stop();
        server.stop();
    }

    /** The host to connect to (the bind address). */
    public String host() {
        return settings.bindAddress().getHostAddress();
    }

    /** The port actually listened on (dynamic when configured as 0). */
    public int port() {
        return server.getPortAllocated();
    }

    /** The name Exchange uses for itself in greetings and replies. */
    public String hostName() {
        return settings.hostName();
    }

    public SmtpSettings settings() {
        return settings;
    }

    /** What arrived, per mailbox. */
    public SmtpOutbox outbox() {
        return outbox;
    }

    /** Fault switches. */
    public SmtpFaults faults() {
        return faults;
    }
}
