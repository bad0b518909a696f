package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.exchangebridge.foundation.credential.AccessToken;
import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.mail.MailStreamProviderShortcut;
import io.exchangebridge.smtp.route.SenderRoute;
import io.quarkus.logging.Log;

/**
 * Delivers over SMTP to Exchange Online: STARTTLS required, {@code AUTH XOAUTH2} as the route's mailbox with a token
 * for resource {@code outlook}. Authenticated connections are pooled per route and reused until the keep-alive ends or
 * their token gets close to expiry, so one AUTH serves many messages. A {@code 535 5.7.3} gets one fresh token and one
 * more try.
 *
 * <p>Connections Exchange has closed are noticed and closed here at once (before, they sat in CLOSE-WAIT until their
 * next use). Exchange ends an idle connection after about 5 minutes with {@code 421 4.4.1 Connection timed out} and a
 * close; a restart or a load balancer closes too. Three things, cheapest first: <ul> <li>every
 * {@code relay.smtp.pool-check-interval} a check looks at each idle pooled connection without a round trip (a
 * non-blocking read on its socket, {@link PooledConnection#stillOpen()}) and closes the ones the server has closed or
 * that were idle longer than {@code relay.smtp.pool-idle-timeout} (shorter than Exchange's, so normally the relay says
 * QUIT first); <li>a connection is taken from the pool only after the same check, instead of Angus's
 * {@code isConnected()}, which would cost a NOOP round trip per message; <li>should the server close in the instant
 * between that check and MAIL FROM, the send fails before any of the message was written: then the message goes out at
 * once on a fresh connection, not counted as a failed attempt (Exchange cannot have it). Once the message data was
 * written, a failure stays a failure, because a lost reply could hide an accepted message. </ul>
 *
 * <p>Angus Mail rather than the Vert.x MailClient: the outbox stores finished MIME, and Angus sends it byte for byte (a
 * {@code MailMessage} would be encoded again, changing the body and risking the Message-ID).
 */
@ApplicationScoped
public class SmtpDelivery {

    static final String RESOURCE = "outlook";
    private static final Pattern REPLY = Pattern.compile("([2-5]\\d\\d)[ -]([2-5]\\.\\d{1,3}\\.\\d{1,3})?");

    private final RelayConfig config;
    private final CredentialClient tokens;
    private final Session session;
    private final SmtpConnectionPool pool;

    public SmtpDelivery(RelayConfig config, CredentialClient tokens) {
        this.config = config;
        this.tokens = tokens;
        Properties p = new Properties();
        String timeout = String.valueOf(config.smtp().timeout().toMillis());
        p.setProperty("mail.smtp.host", config.smtp().host());
        p.setProperty("mail.smtp.port", String.valueOf(config.smtp().port()));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.auth.mechanisms", "XOAUTH2");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.localhost", "exchange-bridge-relay");
        p.put("mail.smtp.socketFactory", new ChannelSocketFactory());
        SSLSocketFactory factory = socketFactory(config);
        if (factory != null) {
            p.put("mail.smtp.ssl.socketFactory", factory);
        }
        MailStreamProviderShortcut.install();
        this.session = Session.getInstance(p);
        this.pool = new SmtpConnectionPool(config.smtp());
    }

    /** Sends one message; answers Exchange's final reply. */
    public String deliver(SenderRoute route, ClaimedMessage m) throws DeliveryException {
        String key = route.credentialId() + "\n" + route.mailbox().toLowerCase(Locale.ROOT);
        Address[] recipients = new Address[m.recipients().size()];
        try {
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = new InternetAddress(m.recipients().get(i), false);
            }
        } catch (MessagingException e) {
            throw classify(e, route, m.mailFrom());
        }
        PooledConnection connection = pool.borrow(key);
        if (connection == null) {
            connection = connect(route);
        }
        RawMimeMessage message = new RawMimeMessage(session, m.mailFrom(), m.mime());
        try {
            return send(key, connection, message, recipients);
        } catch (MessagingException e) {
            boolean closedByServer = closedByServer(e);
            connection.close(!closedByServer);
            if (closedByServer && connection.reused() && !message.written()) {
                Log.debugf("A pooled connection as %s was closed by Exchange (%s); sending on a fresh one",
                        route.mailbox(), reply(e));
                PooledConnection fresh = connect(route);
                try {
                    return send(key, fresh, new RawMimeMessage(session, m.mailFrom(), m.mime()), recipients);
                } catch (MessagingException again) {
                    fresh.close(true);
                    throw classify(again, route, m.mailFrom());
                }
            }
            throw classify(e, route, m.mailFrom());
        }
    }

    /** Connections to Exchange this replica holds open, idle or in use. */
    public int openConnections() {
        return pool.open();
    }

    private String send(String key, PooledConnection connection, RawMimeMessage message, Address[] recipients)
            throws MessagingException {
        connection.transport.sendMessage(message, recipients);
        String reply = connection.transport.getLastServerResponse();
        pool.giveBack(key, connection);
        return reply == null ? "250" : reply.trim();
    }

    /** {@code 421} (Exchange closes the channel), end of stream or a socket error: the server has gone. */
    private static boolean closedByServer(MessagingException e) {
        if (reply(e).startsWith("421") || e instanceof SMTPSendFailedException failed && failed.getReturnCode() == -1) {
            return true;
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof IOException;
    }

    private PooledConnection connect(SenderRoute route) throws DeliveryException {
        AccessToken refused = null;
        for (int attempt = 1;; attempt++) {
            AccessToken token = refused == null
                    ? tokens.token(route.credentialId(), RESOURCE)
                    : tokens.replace(route.credentialId(), RESOURCE, refused);
            SMTPTransport transport;
            try {
                transport = (SMTPTransport) session.getTransport("smtp");
            } catch (MessagingException e) {
                throw new IllegalStateException("No SMTP transport", e);
            }
            try {
                ChannelSocketFactory.forget();
                transport.connect(config.smtp().host(), config.smtp().port(), route.mailbox(), token.value());
                Log.debugf("Authenticated to Exchange as %s", route.mailbox());
                return pool.opened(transport, ChannelSocketFactory.take(), token.expiresAt());
            } catch (AuthenticationFailedException e) {
                close(transport);
                String reply = reply(e);
                if (reply.contains("5.7.3") && attempt == 1) {
                    Log.infof("Exchange refused the token of credential '%s'; trying once with a fresh token",
                            route.credentialId());
                    refused = token;
                    continue;
                }
                if (reply.contains("5.7.139")) {
                    throw new DeliveryException(true, reply, Explanations.smtpAuthDisabled(route));
                }
                if (reply.contains("5.7.3")) {
                    throw new DeliveryException(true, reply, Explanations.tokenRefused(route));
                }
                throw classify(e, route, route.mailbox());
            } catch (MessagingException e) {
                close(transport);
                throw classify(e, route, route.mailbox());
            }
        }
    }

    private static DeliveryException classify(MessagingException e, SenderRoute route, String from) {
        String reply = reply(e);
        Matcher m = REPLY.matcher(reply);
        if (!m.lookingAt()) {
            return new DeliveryException(false, reply, Explanations.temporary(reply));
        }
        if (reply.contains("5.2.252")) {
            return new DeliveryException(true, reply, Explanations.sendAsDenied(route, from));
        }
        if (reply.contains("5.7.139")) {
            return new DeliveryException(true, reply, Explanations.smtpAuthDisabled(route));
        }
        if (m.group(1).startsWith("5")) {
            return new DeliveryException(true, reply, Explanations.rejected(reply));
        }
        return new DeliveryException(false, reply, Explanations.temporary(reply));
    }

    /** The first SMTP reply found in the exception chain, else a short description without library text. */
    static String reply(Exception e) {
        Throwable t = e;
        while (t != null) {
            String message = t.getMessage();
            if (message != null) {
                Matcher m = REPLY.matcher(message.trim());
                if (m.lookingAt()) {
                    return message.trim().lines().findFirst().orElse("");
                }
            }
            t = t instanceof MessagingException me && me.getNextException() != null
                    ? me.getNextException()
                    : t.getCause();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "network error: " + root.getClass().getSimpleName();
    }

    private static void close(SMTPTransport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            Log.debugf("Closing an SMTP connection failed: %s", e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void closeAll() {
        pool.closeAll();
    }

    private static SSLSocketFactory socketFactory(RelayConfig config) {
        if (config.smtp().trustStore().isEmpty()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(config.smtp().trustStore().get())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, config.smtp().trustStorePassword().orElse("").toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the trust store relay.smtp.trust-store", e);
        }
    }
}
