package io.exchangebridge.simulator.directory;

import java.util.Optional;

import io.exchangebridge.simulator.entra.AccessToken;

/**
 * What Graph and SMTP ask of the simulated Entra ID directory. Implemented by the directory that the
 * {@code ExchangeSimulator} seeds; Graph and SMTP depend only on this interface.
 */
public interface Directory {

    /** A mailbox by object id or user principal name (case-insensitive), in any tenant. */
    Optional<Mailbox> mailbox(String idOrUpn);

    /**
     * Whether the token may read and write the mailbox's mail through Graph: an application token of the mailbox's
     * tenant with the {@code Mail.ReadWrite} role (and no application access policy excluding the mailbox); a delegated
     * token on its user's own mailbox with {@code Mail.ReadWrite} (or {@code Mail.ReadWrite.Shared}); a delegated token
     * on another mailbox only with {@code Mail.ReadWrite.Shared} and when that mailbox granted the user full access.
     */
    boolean mayAccessMail(AccessToken token, Mailbox mailbox);

    /**
     * Whether the token may read and write the mailbox's calendar through Graph: the rules of {@link #mayAccessMail}
     * with {@code Calendars.ReadWrite} (and {@code Calendars.ReadWrite.Shared}) in place of the mail permissions;
     * application access policies cover calendars as they cover mail. A directory that knows no calendar rules grants
     * nothing.
     */
    default boolean mayAccessCalendar(AccessToken token, Mailbox mailbox) {
        return false;
    }

    /**
     * Whether the token may submit mail through {@code POST /users/{mailbox}/sendMail} at all, before the message's
     * From is known: {@code Mail.Send} here; the simulated directory adds the {@code Mail.Send.Shared} and full-access
     * rule for delegated tokens on another user's mailbox.
     */
    default boolean maySubmitMail(AccessToken token, Mailbox mailbox) {
        return token.hasPermission("Mail.Send");
    }

    /**
     * Whether the token may send mail as {@code fromAddress} through Graph {@code sendMail} on behalf of
     * {@code mailbox}: {@code Mail.Send} (role or scope) and {@code fromAddress} is the mailbox itself or a mailbox it
     * was granted Send As on.
     */
    boolean maySendMail(AccessToken token, Mailbox mailbox, String fromAddress);

    /** Whether {@code authenticatedUpn} may put {@code fromAddress} in MAIL FROM / From (own address or Send As). */
    boolean maySendAs(String authenticatedUpn, String fromAddress);

    /** False when SMTP AUTH is disabled for the mailbox's tenant or for the mailbox itself. */
    boolean smtpAuthEnabled(Mailbox mailbox);
}
