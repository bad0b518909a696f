package io.exchangebridge.smtp.submit;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.mail.Addresses;

/**
 * What each REST user may send as ({@code relay.api-senders.<user>.allowed-senders}): like the listener's relay users,
 * so a sender credential cannot send as any address a route happens to cover.
 */
@ApplicationScoped
public class ApiSenders {

    private final RelayConfig config;

    public ApiSenders(RelayConfig config) {
        this.config = config;
    }

    /** Refuses unless the user may send as the address. */
    public void check(String user, String from) {
        RelayConfig.ApiSender sender = config.apiSenders().get(user);
        if (sender == null || !Addresses.covers(sender.allowedSenders(), from)) {
            throw new SubmissionRefused.SenderNotAllowed(user, from);
        }
    }
}
