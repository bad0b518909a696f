package io.exchangebridge.smtp.route;

/** How a route delivers to Exchange Online. */
public enum Transport {
    /** smtp.office365.com:587, STARTTLS, AUTH XOAUTH2 with a token for resource outlook. */
    SMTP,
    /** Microsoft Graph {@code /users/{mailbox}/sendMail} with the MIME, token for resource graph. */
    GRAPH
}
