package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.simulator.log.RequestRecord;
import io.exchangebridge.simulator.smtp.SmtpSubmission;

/**
 * The two vendor guides our administrators come with, followed literally, every step in its order, in the console of
 * the packaged credential-service in a real Chromium, against the simulated Microsoft 365 — and then what the guide
 * promises checked at both ends (what the services hold, what Microsoft saw): <ul> <li>Ultimo Email import with
 * application permissions: credential (client credentials, one Scope string), mailbox account with the folder picked
 * from the mailbox's real folders, Import now, the mail on the mailbox page and in the REST API; <li>Ultimo Email
 * import with delegated permissions: Authorization URL with {@code ?prompt=select_account}, the key icon, Microsoft's
 * account picker, sign-in and consent, back on an Active credential, then the email server account, an import, the mail
 * visible; and the same for a shared mailbox ({@code Mail.ReadWrite.Shared}); <li>Ultimo Custom SMTP: delegated
 * {@code SMTP.Send}, a sender route made in the console, a legacy SMTP client's mail delivered through the relay with
 * the signed-in user's token, byte for byte; <li>Exact: the four fields of "Send mail as an application", a REST send
 * delivered over Graph, and Replace secret keeping it working; <li>Exact: calendar items of a room mailbox synchronised
 * over Graph with Calendars.ReadWrite (no EWS), seen on the account page and in {@code /api/events}. </ul> Every app
 * registration here has only the permissions its guide asks for, so what Microsoft accepted proves which token was
 * used. With {@code -Dscreenshots=docs/screenshots} the README's guide screenshots are saved.
 */
class VendorGuidesIT extends SystemTest {

    private static final String PASSWORD = DemoTenant.PASSWORD;

    private Console console;

    @BeforeAll
    static void screenshotsBelowTheProjectRoot() {
        // -Dscreenshots=docs/screenshots means the repository's folder, whatever directory failsafe runs in.
        String dir = System.getProperty("screenshots");
        if (dir != null && !dir.isBlank() && !Path.of(dir).isAbsolute()) {
            System.setProperty("screenshots", ProjectLayout.root().resolve(dir).toString());
        }
    }

    @BeforeEach
    void openTheConsole() {
        console = new Console(stack.credential(0).baseUrl(), "admin", stack.secrets().get("credential-admin"));
    }

    @AfterEach
    void closeTheConsole() {
        console.close();
    }

    // ---- Ultimo: Email import with application permissions

    @Test
    void ultimoEmailImportWithApplicationPermissions() {
        String upn = "ultimo-app-import@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(upn).password(PASSWORD).displayName("Ultimo App Import");
        String secret = "ultimo-app-secret-" + UUID.randomUUID();
        String clientId = app("Ultimo (application)", secret).applicationRoles(Resources.GRAPH, "Mail.ReadWrite")
                .clientId();
        sim.mail().mailbox(upn).createFolder("inbox", "Support");
        byte[] wanted = mime(DemoTenant.BOB, upn, "Pump P-104 leaks again", "Please send a technician.");
        sim.mail().mailbox(upn).add("Inbox/Support").mime(wanted);
        sim.mail().mailbox(upn).add("inbox").mime(mime(DemoTenant.BOB, upn, "Lunch on Friday?", "Not for Ultimo."));

        // The guide: Id, Description, Grant type, Authorization URL, Access token URL, Client Id, Client secret,
        // Scope; save. (The tenant is taken from the two URLs, as the guide has no field for it.)
        console.click("a[href='/ui/credentials/new']");
        console.fill("id", "ultimo-import-app");
        console.fill("description", "Ultimo email import (application permissions)");
        console.fill("grantType", "client_credentials");
        console.fill("authorizationUrl", authorizationUrl());
        console.fill("tokenUrl", sim.tokenEndpoint(DemoTenant.DOMAIN));
        console.fill("clientId", clientId);
        console.fill("clientSecret", secret);
        console.fill("scope", "https://graph.microsoft.com/.default");
        console.screenshot("guide-ultimo-app-1-credential");
        console.click("#save");

        assertThat(console.path()).startsWith("/ui/credentials/ultimo-import-app");
        assertThat(console.text("#status-badge")).isEqualTo("Active");
        assertThat(console.source()).doesNotContain(secret);

        // "Apply the credential on the Email server accounts": a mailbox account, its folder picked from the list.
        String folder = newMailboxAccount("ultimo-app-support", upn, "ultimo-import-app", "Inbox/Support");
        console.screenshot("guide-ultimo-app-2-mailbox");
        console.click("#save");
        assertThat(console.path()).startsWith("/ui/mailboxes/ultimo-app-support");

        importNowAndSeeTheMail("ultimo-app-support", "Pump P-104 leaks again", List.of(wanted));
        console.screenshot("guide-ultimo-app-3-imported");
        assertThat(folder).contains("Support");
        assertThat(sim.mail().mailbox(upn).messages("inbox")).as("the Inbox is not the folder picked").hasSize(1);
        assertThat(stack.importAdmin(0).get("/api/mailboxes/ultimo-app-support").expect(200).json().path("folder")
                .asText()).isEqualTo("Inbox/Support");
    }

    // ---- Ultimo: Email import with delegated permissions

    @Test
    void ultimoEmailImportWithDelegatedPermissions() {
        String upn = "ultimo-user@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(upn).password(PASSWORD).displayName("Ulrike Timo");
        String secret = "ultimo-delegated-secret-" + UUID.randomUUID();
        String clientId = app("Ultimo (delegated)", secret).clientId();
        byte[] wanted = mime(DemoTenant.ALICE, upn, "Work order 4711 finished", "Closed by the night shift.");
        sim.mail().mailbox(upn).add("inbox").mime(wanted);

        delegatedCredential("ultimo-import-user", "Ultimo email import (delegated permissions)", clientId, secret,
                "Mail.ReadWrite offline_access", "guide-ultimo-delegated-1-credential");
        keyIconSignInAndBack("ultimo-import-user", upn, "guide-ultimo-delegated-2-key-icon",
                "guide-ultimo-delegated-3-connected");

        newMailboxAccount("ultimo-user-inbox", upn, "ultimo-import-user", "Inbox");
        console.click("#save");
        importNowAndSeeTheMail("ultimo-user-inbox", "Work order 4711 finished", List.of(wanted));
        assertThat(tokenRequests(clientId, "client_credentials")).as("never an application token").isZero();
    }

    @Test
    void ultimoEmailImportOfASharedMailboxWithDelegatedPermissions() {
        String upn = "ultimo-delegate@" + DemoTenant.DOMAIN;
        String shared = "ultimo-service-desk@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(upn).password(PASSWORD).displayName("Dana Delegate");
        sim.tenant(DemoTenant.DOMAIN).sharedMailbox(shared).displayName("Service desk").grantAccess(upn);
        String secret = "ultimo-shared-secret-" + UUID.randomUUID();
        String clientId = app("Ultimo (shared mailbox)", secret).clientId();
        byte[] wanted = mime(DemoTenant.BOB, shared, "Elevator 3 inspection due", "Shared mailbox mail.");
        sim.mail().mailbox(shared).add("inbox").mime(wanted);

        delegatedCredential("ultimo-import-shared", "Ultimo email import (shared mailbox)", clientId, secret,
                "Mail.ReadWrite.Shared offline_access", null);
        keyIconSignInAndBack("ultimo-import-shared", upn, null, null);

        newMailboxAccount("ultimo-service-desk", shared, "ultimo-import-shared", "Inbox");
        console.click("#save");
        importNowAndSeeTheMail("ultimo-service-desk", "Elevator 3 inspection due", List.of(wanted));
    }

    // ---- Ultimo: Custom SMTP

    @Test
    void ultimoCustomSmtpWithTheSignedInUsersToken() throws Exception {
        String upn = "ultimo-smtp@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(upn).password(PASSWORD).displayName("Ulli Smtp");
        String secret = "ultimo-smtp-secret-" + UUID.randomUUID();
        // Delegated permissions only: Exchange refuses this app's application tokens (no SMTP.SendAsApp).
        String clientId = app("Ultimo (Custom SMTP)", secret).clientId();

        delegatedCredential("ultimo-smtp", "Ultimo Custom SMTP", clientId, secret,
                "https://outlook.office.com/SMTP.Send offline_access", "guide-ultimo-smtp-1-credential");
        keyIconSignInAndBack("ultimo-smtp", upn, null, null);

        // The sender route in the console: mail from the signed-in user goes out over SMTP with this credential.
        console.click("nav a[href='/ui/routes']");
        console.click("#new-route");
        console.fill("sender", upn);
        console.fill("mailbox", upn);
        console.fill("credentialId", "ultimo-smtp");
        console.fill("transport", "SMTP");
        console.click("#save");
        assertThat(console.path()).startsWith("/ui/routes/");
        assertThat(console.source()).contains(upn).contains("ultimo-smtp");
        console.screenshot("guide-ultimo-smtp-2-route");

        // A legacy SMTP client: Angus Mail, STARTTLS and AUTH to the relay's listener, the message's own bytes.
        byte[] raw = mime(upn, DemoTenant.BOB, "Report R-17 (Ultimo)", "Line one\r\n.a line with a dot\r\ntrailing  ");
        RelaySmtpClient smtp = stack.smtpClient(0);
        String reply = smtp.sendAsIs(new MimeMessage(smtp.session(), new ByteArrayInputStream(raw)));

        assertThat(reply).startsWith("250 2.0.0 OK queued as ");
        JsonNode delivered = BridgeSetup.awaitDelivered(stack.relayAdmin(0), RelaySmtpClient.queuedId(reply),
                Duration.ofMinutes(2));
        assertThat(delivered.path("status").asText()).as(delivered.toString()).isEqualTo("SENT");
        List<SmtpSubmission> received = sim.smtp().outbox().messages(upn);
        assertThat(received).hasSize(1);
        SmtpSubmission submission = received.get(0);
        assertThat(submission.mailbox()).as("XOAUTH2 user= is the signed-in user").isEqualTo(upn);
        assertThat(submission.appId()).isEqualTo(clientId);
        assertThat(submission.mailFrom()).isEqualTo(upn);
        assertThat(submission.recipients()).containsExactly(DemoTenant.BOB);
        assertThat(submission.content()).as("byte for byte").isEqualTo(raw);
        assertThat(tokenRequests(clientId, "client_credentials")).as("never an application token").isZero();
        assertThat(sim.requestLog().records()).as("Exchange accepted the AUTH of the signed-in user")
                .anyMatch(r -> r.protocol().equals("smtp") && r.endpoint().equals("smtp.auth")
                        && clientId.equals(r.appId()) && upn.equalsIgnoreCase(r.mailbox()) && r.status() == 235);
    }

    // ---- Exact: send mail as an application

    @Test
    void exactSendMailAsAnApplicationThenReplaceTheSecret() {
        String sender = "erp@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender).password(PASSWORD).displayName("Exact ERP");
        String oldSecret = "exact-secret-1-" + UUID.randomUUID();
        AppRegistration exact = app("Exact (send as application)", oldSecret).applicationRoles(Resources.GRAPH,
                "Mail.Send");
        String tenantId = sim.tenant(DemoTenant.DOMAIN).id();

        // The guide's four fields: Tenant ID, Client ID, Client Secret, Sender account.
        console.click("#send-as-application");
        assertThat(console.path()).startsWith("/ui/send-as-application");
        console.fill("tenantId", tenantId);
        console.fill("clientId", exact.clientId());
        console.fill("clientSecret", oldSecret);
        console.fill("sender", sender);
        console.screenshot("guide-exact-1-form");
        console.click("#save");

        assertThat(console.path()).startsWith("/ui/credentials/");
        String credentialId = console.path().substring("/ui/credentials/".length()).replaceAll("[?#].*", "");
        assertThat(console.text("#saved")).contains(sender);
        assertThat(console.source()).doesNotContain(oldSecret);
        console.screenshot("guide-exact-2-saved");
        JsonNode route = BridgeSetup.await(() -> {
            for (JsonNode r : stack.relayAdmin(0).get("/api/routes").expect(200).json()) {
                if (sender.equals(r.path("sender").asText())) {
                    return r;
                }
            }
            return null;
        }, Duration.ofSeconds(10), "the route of " + sender);
        assertThat(route.path("transport").asText()).isEqualTo("GRAPH");
        assertThat(route.path("credentialId").asText()).isEqualTo(credentialId);

        // The ERP sends over REST; Exchange Bridge delivers it with Graph sendMail.
        restSendDeliveredOverGraph(sender, "Invoice 2026-001", 1);

        // The secret expires: a new one in Entra ID, the old one stops working, "Replace secret" in the console.
        String newSecret = "exact-secret-2-" + UUID.randomUUID();
        SharedStack.rememberSecret(newSecret);
        exact.secret(newSecret, Instant.now().plus(Duration.ofDays(730)))
                .expireSecret(oldSecret, Instant.now().minusSeconds(60));
        console.open("/ui/credentials/" + credentialId);
        console.click("#replace-secret");
        assertThat(console.path()).startsWith("/ui/credentials/" + credentialId + "/secret");
        console.fill("clientSecret", newSecret);
        console.screenshot("guide-exact-3-replace-secret");
        console.click(console.exists("#save") ? "#save" : "form button[type=submit]");
        assertThat(console.path()).startsWith("/ui/credentials/" + credentialId);
        assertThat(console.source()).doesNotContain(newSecret);
        // Test in the toolbar: the cached tokens were dropped, so this one is fetched with the new secret.
        long tokensBefore = tokenRequests(exact.clientId(), "client_credentials", 200);
        console.click("#test");
        assertThat(console.text("#test-result")).contains("Token for graph received");
        assertThat(console.text("#status-badge")).isEqualTo("Active");
        assertThat(tokenRequests(exact.clientId(), "client_credentials", 200)).isGreaterThan(tokensBefore);
        JsonNode credential = stack.credentialAdmin(0).get("/api/credentials/" + credentialId).expect(200).json();
        assertThat(credential.path("clientId").asText()).isEqualTo(exact.clientId());
        assertThat(credential.path("grantType").asText()).isEqualTo("client_credentials");

        restSendDeliveredOverGraph(sender, "Invoice 2026-002", 2);
        assertThat(sim.smtp().outbox().messages(sender)).as("nothing over SMTP").isEmpty();
    }

    // ---- Exact: synchronise calendar items (EWS full_access_as_app becomes Graph Calendars.ReadWrite)

    @Test
    void exactSynchroniseCalendarItemsOverGraph() {
        String room = "exact-room@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(room).password(PASSWORD).displayName("Meeting room Exact");
        String secret = "exact-calendar-secret-" + UUID.randomUUID();
        String clientId = app("Exact (calendar)", secret).applicationRoles(Resources.GRAPH, "Calendars.ReadWrite")
                .clientId();
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        sim.calendar().mailbox(room).create(null, """
                {"subject":"Service visit P-104","start":{"dateTime":"%s","timeZone":"UTC"},
                 "end":{"dateTime":"%s","timeZone":"UTC"},"location":{"displayName":"Plant 2"}}"""
                .formatted(localUtc(tomorrow), localUtc(tomorrow.plus(Duration.ofHours(1)))));

        // The same credential as for mail: client credentials with the .default scope (the guide's Tenant ID, Client
        // ID and Client Secret; the tenant is read from the token URL).
        console.click("a[href='/ui/credentials/new']");
        console.fill("id", "exact-calendar");
        console.fill("description", "Exact calendar items (application permissions)");
        console.fill("grantType", "client_credentials");
        console.fill("tokenUrl", sim.tokenEndpoint(DemoTenant.DOMAIN));
        console.fill("clientId", clientId);
        console.fill("clientSecret", secret);
        console.fill("scope", "https://graph.microsoft.com/.default");
        console.click("#save");
        assertThat(console.text("#status-badge")).isEqualTo("Active");

        // Mailboxes → New mailbox account: the room's calendar only (Import mail off, Sync calendar on).
        console.click("nav a[href='/ui/mailboxes']");
        console.click("#new-mailbox");
        console.fill("id", "exact-room-calendar");
        console.fill("mailbox", room);
        console.fill("credentialId", "exact-calendar");
        console.browser().toggle("#importMail");
        console.browser().toggle("#syncCalendar");
        console.screenshot("guide-exact-4-calendar-account");
        console.click("#save");
        assertThat(console.path()).startsWith("/ui/mailboxes/exact-room-calendar");

        console.click("#import-now");
        console.reloadUntil("/ui/mailboxes/exact-room-calendar",
                () -> console.exists("#events") && console.text("#events").contains("Service visit P-104"),
                Duration.ofMinutes(2), "the room's appointment on its account page");
        console.screenshot("guide-exact-5-calendar-synced");
        assertThat(console.text("#import-mail")).contains("calendar only");
        JsonNode events = stack.importAdmin(0).get("/api/events?mailbox=exact-room-calendar").expect(200).json();
        assertThat(events.path("items")).extracting(e -> e.path("subject").asText())
                .containsExactly("Service visit P-104");
        assertThat(events.path("items").get(0).path("location").asText()).isEqualTo("Plant 2");
        assertThat(sim.requestLog().records()).as("the calendar was read over Graph with this app's token")
                .anyMatch(r -> r.protocol().equals("graph") && clientId.equals(r.appId())
                        && room.equalsIgnoreCase(r.mailbox()) && r.status() == 200);
    }

    /** Graph's dateTime form (no offset) of an instant in UTC. */
    private static String localUtc(Instant at) {
        return java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC).toString();
    }

    // ---- steps shared by the guides

    /** The guide's Authorization URL, {@code https://<sim>/{tenant}/oauth2/v2.0/authorize?prompt=select_account}. */
    private static String authorizationUrl() {
        return sim.authorizeEndpoint(DemoTenant.DOMAIN) + "?prompt=select_account";
    }

    /** An app registration of the demo tenant with one secret, redirecting to both credential-service processes. */
    private static AppRegistration app(String displayName, String secret) {
        SharedStack.rememberSecret(secret);
        AppRegistration app = sim.tenant(DemoTenant.DOMAIN).app(UUID.randomUUID().toString())
                .displayName(displayName).secret(secret, Instant.now().plus(Duration.ofDays(365)));
        for (int i = 0; i < 2; i++) {
            app.redirectUri(stack.credential(i).baseUrl() + "/OAuth2Callback");
        }
        return app;
    }

    /**
     * The Ultimo guide's delegated credential: Id, Description, Grant type Authorization code, Authorization URL (with
     * {@code ?prompt=select_account}), Access token URL, Client Id, Client secret, Scope; save.
     */
    private void delegatedCredential(String id, String description, String clientId, String secret, String scope,
            String screenshot) {
        console.click("nav a[href='/ui/credentials']");
        console.click("a[href='/ui/credentials/new']");
        console.fill("id", id);
        console.fill("description", description);
        console.fill("grantType", "authorization_code");
        console.fill("authorizationUrl", authorizationUrl());
        console.fill("tokenUrl", sim.tokenEndpoint(DemoTenant.DOMAIN));
        console.fill("clientId", clientId);
        console.fill("clientSecret", secret);
        console.fill("scope", scope);
        if (screenshot != null) {
            console.screenshot(screenshot);
        }
        console.click("#save");
        assertThat(console.path()).startsWith("/ui/credentials/" + id);
        assertThat(console.text("#status-badge")).isEqualTo("Consent required");
        assertThat(console.source()).doesNotContain(secret);
        assertThat(stack.credentialAdmin(0).get("/api/credentials/" + id).expect(200).json().path("scope").asText())
                .isEqualTo(scope);
    }

    /** The key icon in the toolbar, Microsoft's account picker, password and consent, back on an Active credential. */
    private void keyIconSignInAndBack(String id, String upn, String beforeScreenshot, String afterScreenshot) {
        assertThat(console.find("#connect").getAttribute("aria-label")).isEqualTo("Connect: sign in at Microsoft");
        assertThat(console.exists("#connect svg")).as("the key icon").isTrue();
        if (beforeScreenshot != null) {
            console.screenshot(beforeScreenshot);
        }
        console.click("#connect");
        console.signInAtMicrosoft(upn, PASSWORD);

        assertThat(console.path()).startsWith("/ui/credentials/" + id);
        assertThat(console.text("#status-badge")).isEqualTo("Active");
        assertThat(console.text("#account")).isEqualTo(upn);
        if (afterScreenshot != null) {
            console.screenshot(afterScreenshot);
        }
        assertThat(sim.requestLog().records()).as("Microsoft showed its account picker, then signed the user in")
                .anyMatch(r -> r.protocol().equals("entra") && r.endpoint().equals("authorize")
                        && r.detail().equals("page.picker"))
                .anyMatch(r -> r.protocol().equals("entra") && r.endpoint().equals("authorize")
                        && r.detail().equals("redirect.code") && upn.equalsIgnoreCase(r.mailbox()));
    }

    /**
     * The console's new mailbox account form: Id, Mailbox, the credential from the list, Load folders, then the folder
     * picked from the mailbox's real folders. Answers the folder option chosen (value and text); the caller saves.
     */
    private String newMailboxAccount(String id, String mailbox, String credentialId, String folderPath) {
        console.click("nav a[href='/ui/mailboxes']");
        console.click("#new-mailbox");
        console.fill("id", id);
        console.fill("mailbox", mailbox);
        console.fill("credentialId", credentialId);
        console.click("#load-folders");
        assertThat(console.exists("select#folder")).as("the folders of %s listed", mailbox).isTrue();
        List<String> options = console.options("#folder");
        assertThat(options).as("the mailbox's real folders").anyMatch(o -> o.contains("Inbox"));
        console.choose("#folder", folderPath);
        return options.stream().filter(o -> o.startsWith(folderPath + " ") || o.contains(folderPath)).findFirst()
                .orElseThrow();
    }

    /** Import now on the mailbox page, then the mail on that page and in the REST API, byte for byte. */
    private void importNowAndSeeTheMail(String accountId, String subject, List<byte[]> expected) {
        assertThat(console.path()).startsWith("/ui/mailboxes/" + accountId);
        console.click("#import-now");
        console.reloadUntil("/ui/mailboxes/" + accountId,
                () -> console.exists("#messages") && console.text("#messages").contains(subject),
                Duration.ofMinutes(2), "the imported mail on the page of " + accountId);
        assertThat(console.text("#messages")).contains(subject);
        JsonNode messages = stack.importAdmin(0).get("/api/messages?mailbox=" + accountId).expect(200).json();
        assertThat(messages.path("items")).extracting(m -> m.path("subject").asText()).containsExactly(subject);
        assertThat(Mailboxes.encoded(Mailboxes.imported(stack.importAdmin(0), accountId).values()))
                .containsExactlyInAnyOrderElementsOf(Mailboxes.encoded(expected));
    }

    /** A REST send by the ERP (smtp-service's sender API user), delivered through Graph sendMail. */
    private static void restSendDeliveredOverGraph(String sender, String subject, int sentSoFar) {
        String id = stack.relaySender(0).postJson("/api/messages", Map.of("from", sender, "to",
                List.of(DemoTenant.BOB), "subject", subject, "text", "Attached: your invoice."))
                .expect(202).json().get("id").asText();
        JsonNode delivered = BridgeSetup.awaitDelivered(stack.relaySender(0), id, Duration.ofMinutes(2));
        assertThat(delivered.path("status").asText()).as(delivered.toString()).isEqualTo("SENT");
        List<SentMail> sent = sim.mail().sent(sender);
        assertThat(sent).hasSize(sentSoFar);
        assertThat(sent).anySatisfy(mail -> {
            assertThat(mail.subject()).isEqualTo(subject);
            assertThat(mail.recipients()).containsExactly(DemoTenant.BOB);
        });
    }

    private static long tokenRequests(String clientId, String grantType) {
        return tokenRequests(clientId, grantType, -1);
    }

    /** Token requests of the app with that grant type Entra answered with {@code status} (any when negative). */
    private static long tokenRequests(String clientId, String grantType, int status) {
        return sim.requestLog().count((RequestRecord r) -> r.protocol().equals("entra") && r.endpoint().equals("token")
                && clientId.equals(r.appId()) && grantType.equals(r.detail()) && (status < 0 || r.status() == status));
    }

    /** The message as its client sends it: CRLF line ends, its own Message-ID, no Bcc. */
    private static byte[] mime(String from, String to, String subject, String text) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nDate: Tue, 1 Dec 2026 08:00:00 +0000"
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@guides.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text
                + "\r\nGrüße\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
