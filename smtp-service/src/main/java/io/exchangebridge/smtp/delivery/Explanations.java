package io.exchangebridge.smtp.delivery;

import io.exchangebridge.smtp.route.SenderRoute;

/** What an administrator should do about a refusal from Exchange Online. */
public final class Explanations {

    private Explanations() {
    }

    public static String smtpAuthDisabled(SenderRoute route) {
        return "Exchange Online has SMTP AUTH disabled for the tenant or for mailbox " + route.mailbox()
                + ". Enable it with `Set-CASMailbox -Identity " + route.mailbox()
                + " -SmtpClientAuthenticationDisabled $false` (and, when it is off for the whole tenant,"
                + " `Set-TransportConfig -SmtpClientAuthenticationDisabled $false`), or change the sender route '"
                + route.sender() + "' to transport GRAPH.";
    }

    public static String sendAsDenied(SenderRoute route, String from) {
        return "Mailbox " + route.mailbox() + " may not send as " + from
                + ". Grant Send As: `Add-RecipientPermission -Identity "
                + from + " -Trustee " + route.mailbox() + " -AccessRights SendAs`, or route " + from
                + " through a mailbox that may send as it.";
    }

    public static String tokenRefused(SenderRoute route) {
        return "Exchange Online refused the access token of credential '" + route.credentialId()
                + "' even after a fresh one (535 5.7.3): a consent or credential problem. Check that the app has"
                + " admin consent for SMTP.SendAsApp (or the user's SMTP.Send), that its service principal is"
                + " registered in Exchange with access to " + route.mailbox()
                + " (`New-ServicePrincipal`, `Add-MailboxPermission`), and that the credential belongs to this tenant.";
    }

    public static String rejected(String reply) {
        return "Exchange Online rejected the message for good: " + reply;
    }

    public static String temporary(String reply) {
        return "Exchange Online failed temporarily (" + reply + "); trying again.";
    }
}
