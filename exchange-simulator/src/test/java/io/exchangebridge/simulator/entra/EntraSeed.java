package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.PASSWORD;
import static io.exchangebridge.simulator.entra.EntraTestClient.REDIRECT_URI;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;

import java.time.Duration;
import java.time.Instant;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.Tenant;

/** The tenant most Entra tests use: Alice, Bob, a shared mailbox, and a confidential app with admin consent. */
public final class EntraSeed {

    private EntraSeed() {
    }

    public static AppRegistration seed(ExchangeSimulator sim) {
        Tenant contoso = sim.tenant(TENANT);
        contoso.user(ALICE).displayName("Alice Example").password(PASSWORD);
        contoso.user("bob@contoso.onmicrosoft.com").password(PASSWORD);
        contoso.sharedMailbox("info@contoso.onmicrosoft.com").grantAccess(ALICE).grantSendAs(ALICE);
        return contoso.app(CLIENT_ID).displayName("Exchange Bridge")
                .secret(SECRET, Instant.now().plus(Duration.ofDays(365))).redirectUri(REDIRECT_URI)
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp")
                .consentedScopes(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send", "User.Read")
                .consentedScopes(Resources.OUTLOOK, "SMTP.Send");
    }
}
