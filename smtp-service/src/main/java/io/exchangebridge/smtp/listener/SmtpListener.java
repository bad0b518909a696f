package io.exchangebridge.smtp.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.server.SMTPServer;

import io.exchangebridge.foundation.security.AuthFailureLimiter;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.submit.MimeComposer;
import io.exchangebridge.smtp.submit.SubmissionService;
import io.exchangebridge.smtp.tracing.RelayTraces;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The SMTP listener for legacy clients (subethasmtp): ESMTP with STARTTLS required, SIZE, 8BITMIME, PIPELINING; AUTH
 * PLAIN/LOGIN offered only after TLS, against the relay users; trusted networks may send without AUTH. Failed AUTHs are
 * slowed and then refused per client address ({@link ListenerLockout}).
 */
@ApplicationScoped
public class SmtpListener {

    private final RelayConfig config;
    private final RelayUsers users;
    private final MimeComposer composer;
    private final SubmissionService submissions;
    private final TrustedNetworks trusted;
    private final ListenerLockout lockout;
    private final RelayTraces traces;
    private SMTPServer server;

    public SmtpListener(RelayConfig config, RelayUsers users, MimeComposer composer, SubmissionService submissions,
            AuthFailureLimiter limiter, RelayTraces traces) {
        this.config = config;
        this.traces = traces;
        this.users = users;
        this.composer = composer;
        this.submissions = submissions;
        this.trusted = new TrustedNetworks(config.listener().trustedNetworks().orElse(List.of()));
        this.lockout = new ListenerLockout(limiter, users);
    }

    void start(@Observes StartupEvent event) throws UnknownHostException {
        RelayConfig.Listener l = config.listener();
        if (!l.enabled()) {
            return;
        }
        server = SMTPServer.port(l.port()).bindAddress(InetAddress.getByName(l.bindAddress()))
                .hostName(l.hostName()).softwareName("Exchange Bridge relay")
                .messageHandlerFactory(ctx -> new RelaySession(ctx, this))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(lockout.validator()))
                .sessionHandler(lockout.sessions())
                .enableTLS(true).requireTLS(true).showAuthCapabilitiesBeforeSTARTTLS(false)
                .startTlsSocketFactory(ListenerCertificate.serverContext(l), false)
                .insertReceivedHeaders(false).maxConnections(l.maxConnections())
                .maxMessageSize(config.maxMessageSize()).serverThreadName("smtp-listener").build();
        server.getCommandHandler().addCommand(new RelayEhloCommand(config.maxMessageSize()));
        server.getCommandHandler().addCommand(new RelayDataCommand());
        server.getCommandHandler()
                .addCommand(lockout.authCommand(server.getCommandHandler().getCommand(AuthCommand.VERB)));
        server.start();
        Log.infof("SMTP listener on port %d", server.getPortAllocated());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
        }
    }

    /** The port listened on (the allocated one when configured as 0). */
    public int port() {
        return server == null ? -1 : server.getPortAllocated();
    }

    boolean trusted(SocketAddress remote) {
        return remote instanceof InetSocketAddress a && trusted.contains(a.getAddress());
    }

    RelayUsers users() {
        return users;
    }

    MimeComposer composer() {
        return composer;
    }

    SubmissionService submissions() {
        return submissions;
    }

    RelayTraces traces() {
        return traces;
    }

    int maxMessageSize() {
        return config.maxMessageSize();
    }

    int maxRecipients() {
        return config.listener().maxRecipients();
    }
}
