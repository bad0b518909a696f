package io.exchangebridge.simulator.smtp;

import java.util.Optional;

import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;

import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;

/**
 * Who an SMTP session authenticated as; set on the subethasmtp session once XOAUTH2 succeeded.
 *
 * @param mailbox
 *            the mailbox named in XOAUTH2 {@code user=}
 * @param token
 *            the verified token it presented
 */
record AuthenticatedSender(Mailbox mailbox, AccessToken token) implements AuthenticationHandler {

    String upn() {
        return mailbox.upn();
    }

    @Override
    public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
        throw new RejectException(503, "5.5.1 Already authenticated");
    }

    @Override
    public Object getIdentity() {
        return this;
    }

    @Override
    public String toString() {
        return "AuthenticatedSender[" + mailbox.upn() + ", app " + token.appId() + "]";
    }
}
