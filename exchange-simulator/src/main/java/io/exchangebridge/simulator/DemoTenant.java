package io.exchangebridge.simulator;

import java.time.Duration;
import java.time.Instant;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.graph.GraphMail;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;

/**
 * The tenant the standalone simulator starts with: two users, a shared mailbox (both inboxes holding the realistic
 * test-mail corpus), and an app registration the credential-service can use as is (secret and redirect URI
 * {@code http://localhost:8081/OAuth2Callback}). Demo values only, printed at start; never a real tenant's.
 */
public final class DemoTenant {

    public static final String DOMAIN = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "00000000-0000-4000-8000-00000000b1d6";
    public static final String CLIENT_SECRET = "demo-secret-not-for-production";
    public static final String REDIRECT_URI = "http://localhost:8081/OAuth2Callback";
    public static final String PASSWORD = "Passw0rd!";
    public static final String ALICE = "alice@" + DOMAIN;
    public static final String BOB = "bob@" + DOMAIN;
    public static final String SHARED = "info@" + DOMAIN;

    private DemoTenant() {
    }

    public static void seed(SimulatedDirectory directory) {
        Tenant contoso = directory.tenant(DOMAIN);
        contoso.user(ALICE).displayName("Alice Adams").password(PASSWORD);
        contoso.user(BOB).displayName("Bob Brown").password(PASSWORD);
        contoso.sharedMailbox(SHARED).displayName("Contoso Info").grantAccess(ALICE).grantSendAs(ALICE);
        contoso.app(CLIENT_ID).displayName("Exchange Bridge (demo)")
                .secret(CLIENT_SECRET, Instant.now().plus(Duration.ofDays(365))).redirectUri(REDIRECT_URI)
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp");
    }

    /**
     * Fills Alice's and the shared mailbox's inboxes with the standard test-mail corpus, so there is mail to import.
     */
    public static void seedMail(GraphMail mail) {
        for (String mailbox : new String[]{ALICE, SHARED}) {
            for (TestMailSample sample : TestMailCorpus.standard(mailbox.hashCode())) {
                mail.mailbox(mailbox).add("inbox").mime(sample.mail().toByteArray());
            }
        }
    }
}
