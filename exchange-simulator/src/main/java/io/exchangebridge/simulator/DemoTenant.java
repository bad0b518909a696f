package io.exchangebridge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.graph.GraphMail;
import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;

/**
 * The tenant the standalone simulator starts with: two users, two shared mailboxes (the inboxes holding the realistic
 * test-mail corpus), and an app registration the credential-service can use as is (secret and redirect URI
 * {@code http://localhost:8081/OAuth2Callback}; application roles Graph {@code Mail.ReadWrite}, {@code Mail.Send},
 * {@code Calendars.ReadWrite} and Exchange {@code SMTP.SendAsApp}; any delegated scope, such as
 * {@link #GRAPH_SHARED_SCOPE} or {@link #SMTP_SCOPE}, once the user accepts the consent page). The console's app
 * registration ({@link #CONSOLE_CLIENT_ID}) signs administrators in with OpenID Connect: Alice holds its app role
 * {@link #ADMIN_ROLE} and the group {@link #ADMINS_GROUP}, Bob neither. Exchange Bridge's API
 * ({@link #API_IDENTIFIER_URI}) has import-service and smtp-service as clients with {@code Bridge.Token} (client
 * credentials). Demo values only, printed at start; never a real tenant's.
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
    /**
     * A second shared mailbox for the vendor guides' delegated set-up: Alice has full access and Send As, Bob none; it
     * holds a folder tree ({@link #SUPPORT_FOLDER}, {@link #SUPPORT_SUBFOLDER}) for folder pickers.
     */
    public static final String SUPPORT = "support@" + DOMAIN;
    /** A folder of {@link #SUPPORT} below the Inbox, as a path. */
    public static final String SUPPORT_FOLDER = "Inbox/Tickets";
    /** A folder below {@link #SUPPORT_FOLDER}. */
    public static final String SUPPORT_SUBFOLDER = "Inbox/Tickets/Done";
    /**
     * The one Scope string of the Ultimo guide for delegated Graph mail on a shared mailbox: Graph refuses a delegated
     * token on another mailbox without the {@code .Shared} permissions.
     */
    public static final String GRAPH_SHARED_SCOPE = "Mail.ReadWrite Mail.ReadWrite.Shared Mail.Send Mail.Send.Shared"
            + " offline_access";
    /** The Ultimo Custom SMTP guide's Scope string. */
    public static final String SMTP_SCOPE = "https://outlook.office.com/SMTP.Send offline_access";

    /** The console's app registration ("Exchange Bridge console"): OpenID Connect sign-in of administrators. */
    public static final String CONSOLE_CLIENT_ID = "00000000-0000-4000-8000-0000000c0501";
    public static final String CONSOLE_CLIENT_SECRET = "demo-console-secret-not-for-production";
    /** The console's OIDC redirect path ({@code quarkus.oidc.console.authentication.redirect-path}). */
    public static final String CONSOLE_REDIRECT_URI = "http://localhost:8081/ui/signin-oidc";
    /** Where the console returns after sign-out; registered too, since Entra redirects only to registered URIs. */
    public static final String CONSOLE_POST_LOGOUT_URI = "http://localhost:8081/ui";
    /** The console's app role for administrators (assigned to {@link #ALICE}; {@link #BOB} has none). */
    public static final String ADMIN_ROLE = "Bridge.Admin";
    /** The console's app role for readers. */
    public static final String READ_ROLE = "Bridge.Read";
    /**
     * A security group "Exchange Bridge admins" with {@link #ALICE} as its member; the console app's id tokens carry it
     * in {@code groups} ({@code groupMembershipClaims} {@code SecurityGroup}).
     */
    public static final String ADMINS_GROUP = "5e1ec7ed-0000-4000-8000-00000000ad01";

    /**
     * The app registration of Exchange Bridge's own API ("Exchange Bridge API"): Application ID URI
     * {@link #API_IDENTIFIER_URI}, app roles {@link #API_ROLES}. Its tokens' {@code aud} is this client id.
     */
    public static final String API_CLIENT_ID = "00000000-0000-4000-8000-0000000a0001";
    public static final String API_IDENTIFIER_URI = "api://exchange-bridge";
    /** The client-credentials scope for the API. */
    public static final String API_SCOPE = API_IDENTIFIER_URI + "/.default";
    /** The app roles the API defines. */
    public static final List<String> API_ROLES = List.of("Bridge.Admin", "Bridge.Import", "Bridge.Read",
            "Bridge.Send", "Bridge.Token");
    /** import-service as an Entra client of the API: granted {@code Bridge.Token}. */
    public static final String IMPORT_CLIENT_ID = "00000000-0000-4000-8000-0000000a0002";
    public static final String IMPORT_CLIENT_SECRET = "demo-import-secret-not-for-production";
    /** smtp-service as an Entra client of the API: granted {@code Bridge.Token}. */
    public static final String SMTP_CLIENT_ID = "00000000-0000-4000-8000-0000000a0003";
    public static final String SMTP_CLIENT_SECRET = "demo-smtp-secret-not-for-production";

    private DemoTenant() {
    }

    public static void seed(SimulatedDirectory directory) {
        Tenant contoso = directory.tenant(DOMAIN);
        contoso.user(ALICE).displayName("Alice Adams").password(PASSWORD);
        contoso.user(BOB).displayName("Bob Brown").password(PASSWORD);
        contoso.sharedMailbox(SHARED).displayName("Contoso Info").grantAccess(ALICE).grantSendAs(ALICE);
        contoso.sharedMailbox(SUPPORT).displayName("Contoso Support").grantAccess(ALICE).grantSendAs(ALICE);
        contoso.app(CLIENT_ID).displayName("Exchange Bridge (demo)")
                .secret(CLIENT_SECRET, Instant.now().plus(Duration.ofDays(365))).redirectUri(REDIRECT_URI)
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send", "Calendars.ReadWrite")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp");
        contoso.app(CONSOLE_CLIENT_ID).displayName("Exchange Bridge console")
                .secret(CONSOLE_CLIENT_SECRET, Instant.now().plus(Duration.ofDays(365)))
                .redirectUri(CONSOLE_REDIRECT_URI).redirectUri(CONSOLE_POST_LOGOUT_URI)
                .groupMembershipClaims("SecurityGroup").appRole(ADMIN_ROLE).appRole(READ_ROLE);
        contoso.user(ALICE).appRoles(CONSOLE_CLIENT_ID, ADMIN_ROLE).groups(ADMINS_GROUP);
        var api = contoso.app(API_CLIENT_ID).displayName("Exchange Bridge API").identifierUri(API_IDENTIFIER_URI);
        API_ROLES.forEach(api::appRole);
        Instant inAYear = Instant.now().plus(Duration.ofDays(365));
        contoso.app(IMPORT_CLIENT_ID).displayName("Exchange Bridge import-service")
                .secret(IMPORT_CLIENT_SECRET, inAYear).applicationRoles(API_IDENTIFIER_URI, "Bridge.Token");
        contoso.app(SMTP_CLIENT_ID).displayName("Exchange Bridge smtp-service").secret(SMTP_CLIENT_SECRET, inAYear)
                .applicationRoles(API_IDENTIFIER_URI, "Bridge.Token");
    }

    /**
     * Seeds Alice's calendar, dated from {@code today}: a meeting with Bob tomorrow, a weekly series with one exception
     * and one deleted occurrence, an all-day event (see {@link DemoCalendar}).
     */
    public static void seedCalendar(GraphCalendar calendar, LocalDate today) {
        DemoCalendar.seed(calendar, today);
    }

    /**
     * Fills Alice's and the shared mailboxes' inboxes with the standard test-mail corpus, so there is mail to import,
     * and gives {@link #SUPPORT} its folders {@link #SUPPORT_FOLDER} and {@link #SUPPORT_SUBFOLDER}.
     */
    public static void seedMail(GraphMail mail) {
        for (String mailbox : new String[]{ALICE, SHARED, SUPPORT}) {
            for (TestMailSample sample : TestMailCorpus.standard(mailbox.hashCode())) {
                mail.mailbox(mailbox).add("inbox").mime(sample.mail().toByteArray());
            }
        }
        MailboxStore support = mail.mailbox(SUPPORT);
        if (support.folder(SUPPORT_FOLDER).isEmpty()) {
            support.createFolder("inbox", "Tickets");
            support.createFolder(SUPPORT_FOLDER, "Done");
        }
    }
}
