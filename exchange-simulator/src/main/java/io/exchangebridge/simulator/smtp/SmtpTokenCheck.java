package io.exchangebridge.simulator.smtp;

import java.util.Optional;
import java.util.Set;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.entra.InvalidTokenException;
import io.exchangebridge.simulator.entra.TokenVerifier;

/** Decides an XOAUTH2 login the way Exchange Online does: token, audience, permission, mailbox, SMTP AUTH switch. */
final class SmtpTokenCheck {

    /** Outlook's two resource URIs; a token for either is accepted by smtp.office365.com. */
    static final Set<String> AUDIENCES = Set.of("https://outlook.office.com", "https://outlook.office365.com");

    sealed interface Outcome permits Accepted, Refused, AuthDisabled {
    }

    record Accepted(AuthenticatedSender sender) implements Outcome {
    }

    /** Bad, expired or forged token, wrong audience or permission, or a {@code user=} the token may not use. */
    record Refused(String why, String appId) implements Outcome {
    }

    record AuthDisabled(boolean forMailbox, Mailbox mailbox, String appId) implements Outcome {
    }

    private final TokenVerifier verifier;
    private final Directory directory;
    private final SmtpFaults faults;

    SmtpTokenCheck(TokenVerifier verifier, Directory directory, SmtpFaults faults) {
        this.verifier = verifier;
        this.directory = directory;
        this.faults = faults;
    }

    Outcome check(XOAuth2Response response) {
        AccessToken token;
        try {
            token = verifier.verify(response.token());
        } catch (InvalidTokenException e) {
            return new Refused("token " + e.reason(), "");
        }
        if (!AUDIENCES.contains(token.audience())) {
            return new Refused("audience " + token.audience(), token.appId());
        }
        Optional<Mailbox> mailbox = directory.mailbox(response.user());
        if (token.delegated()) {
            if (!token.scopes().contains("SMTP.Send")) {
                return new Refused("no SMTP.Send scope", token.appId());
            }
            String signedIn = token.upn().orElseThrow();
            if (!signedIn.equalsIgnoreCase(response.user()) && !directory.maySendAs(signedIn, response.user())) {
                return new Refused("user= is neither the signed-in user nor a mailbox it may send as", token.appId());
            }
        } else if (!token.roles().contains("SMTP.SendAsApp")) {
            return new Refused("no SMTP.SendAsApp role", token.appId());
        }
        if (mailbox.isEmpty() || !mailbox.get().tenantId().equalsIgnoreCase(token.tenantId())) {
            return new Refused("no such mailbox in the token's tenant", token.appId());
        }
        Mailbox box = mailbox.get();
        if (!faults.authFlags().tenantEnabled(box.tenantId())) {
            return new AuthDisabled(false, box, token.appId());
        }
        if (!faults.authFlags().mailboxEnabled(box)) {
            return new AuthDisabled(true, box, token.appId());
        }
        if (!directory.smtpAuthEnabled(box)) {
            return new AuthDisabled(false, box, token.appId());
        }
        return new Accepted(new AuthenticatedSender(box, token));
    }
}
