package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.testing.Browser;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The admin UI in a real Chromium, clicking through the simulator's sign-in and consent pages: create, Connect, pick
 * the account, consent, back on an Active credential, Test; a declined consent; an expired secret; inline validation;
 * delete with confirmation. Run with {@code -Dscreenshots=<dir>} to save the README's screenshots of the form and the
 * detail pages; {@link CredentialListScreenshotTest} takes the list's from a database of its own.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class AdminUiBrowserTest {

    private static final String PASSWORD = "Passw0rd!";

    @TestHTTPResource("/")
    URL base;

    Browser browser;

    static ExchangeSimulator sim() {
        return SimulatorTestResource.current();
    }

    @BeforeEach
    void startBrowser() {
        browser = new Browser();
        // HTTP Basic: the credentials in the first URL; Chromium keeps them for the rest of the session.
        browser.open(base.toString().replace("://", "://admin:admin-pass@") + "ui/credentials");
        assertThat(browser.title()).contains("Credentials");
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    String url(String path) {
        return base + path.substring(1);
    }

    /** A user and an app (with a valid secret) in the simulator's tenant; returns the client id. */
    String app(String upn, String displayName, String secret, Instant secretExpiry) {
        return app(base, upn, displayName, secret, secretExpiry);
    }

    /** As {@link #app(String, String, String, Instant)}, for the service at {@code base}. */
    static String app(URL base, String upn, String displayName, String secret, Instant secretExpiry) {
        var tenant = sim().tenant(Api.TENANT);
        if (upn != null) {
            tenant.user(upn).password(PASSWORD).displayName(displayName);
        }
        String clientId = UUID.randomUUID().toString();
        tenant.app(clientId).displayName("Exchange Bridge (" + displayName + ")").secret(secret, secretExpiry)
                .redirectUri(base + "OAuth2Callback");
        return clientId;
    }

    /** Goes through the simulator's pages: the account picker, the password, then accept or cancel. */
    void signInAtMicrosoft(String upn, boolean accept) {
        signInAtMicrosoft(browser, upn, accept);
    }

    /** As {@link #signInAtMicrosoft(String, boolean)}, in {@code browser}. */
    static void signInAtMicrosoft(Browser browser, String upn, boolean accept) {
        assertThat(browser.text("h1")).isEqualTo("Pick an account");
        browser.click("button[name=login][value='" + upn + "']");
        assertThat(browser.text("h1")).isEqualTo("Sign in");
        browser.type("#password", PASSWORD);
        browser.click("button[type=submit]");
        assertThat(browser.text("h1")).isEqualTo("Permissions requested");
        browser.click("button[name=consent][value=" + (accept ? "accept" : "decline") + "]");
    }

    @Test
    void createConnectAndTestADelegatedCredentialFieldForFieldAsTheGuideSays() {
        String upn = "megan@contoso.onmicrosoft.com";
        String clientId = app(upn, "Megan Bowen", "ui-secret-1", Instant.now().plus(Duration.ofDays(365)));

        browser.click("a[href='/ui/credentials/new']");
        assertThat(browser.text("h1")).isEqualTo("New credential");
        // The Ultimo guide's fields, in its order: no tenant id (taken from the URLs), one Scope string.
        browser.type("#id", "erp-mail");
        browser.type("#description", "ERP mailbox: import");
        new Select(browser.find("#grantType")).selectByVisibleText("Authorization code");
        assertThat(browser.text("#authorizationUrl-hint")).contains("?prompt=select_account");
        browser.type("#authorizationUrl", sim().authorizeEndpoint(Api.TENANT) + "?prompt=select_account");
        browser.type("#tokenUrl", sim().authority(Api.TENANT) + "oauth2/v2.0/token");
        browser.type("#clientId", clientId);
        browser.type("#clientSecret", "ui-secret-1");
        assertThat(browser.text("label[for=scope]")).isEqualTo("Scope");
        assertThat(browser.text("#scope-hint")).contains("Mail.ReadWrite.Shared").contains("Mail.Send.Shared");
        assertThat(browser.text("#tenantId-hint")).contains("Optional when both");
        browser.type("#scope", "Mail.ReadWrite offline_access");
        browser.type("#secretExpiresAt", "");
        browser.screenshot("7-new-credential");
        browser.click("#save");

        assertThat(browser.driver().getCurrentUrl()).startsWith(url("/ui/credentials/erp-mail"));
        assertThat(browser.text("#saved")).isEqualTo("Credential created.");
        assertThat(browser.text("#status-badge")).isEqualTo("Consent required");
        assertThat(browser.text("#status-action")).contains("Click the key icon (Connect)");
        assertThat(browser.text("#scope")).isEqualTo("Mail.ReadWrite offline_access");
        assertThat(browser.source()).doesNotContain("ui-secret-1");
        admin().get("/api/credentials/erp-mail").then().body("tenantId", org.hamcrest.Matchers.equalTo(Api.TENANT));

        // The toolbar: the key icon, named for screen readers, beside Test, Edit, Replace secret and Delete.
        var connect = browser.find("#toolbar #connect");
        assertThat(connect.getAttribute("aria-label")).isEqualTo("Connect: sign in at Microsoft");
        assertThat(connect.findElement(org.openqa.selenium.By.cssSelector("svg")).getAttribute("aria-hidden"))
                .isEqualTo("true");
        assertThat(connect.findElement(org.openqa.selenium.By.cssSelector(".visually-hidden")).getAttribute(
                "textContent")).isEqualTo("Connect: sign in at Microsoft");
        assertThat(connect.getAccessibleName()).isEqualTo("Connect: sign in at Microsoft");
        for (String action : List.of("#test", "#edit", "#replace-secret", "#delete")) {
            assertThat(browser.exists("#toolbar " + action)).as(action).isTrue();
        }

        browser.click("#connect");
        signInAtMicrosoft(upn, true);

        assertThat(browser.driver().getCurrentUrl()).startsWith(url("/ui/credentials/erp-mail"));
        assertThat(browser.text("#consent-result")).contains("Connected.").contains("connected as " + upn);
        assertThat(browser.text("#status-badge")).isEqualTo("Active");
        assertThat(browser.text("#account")).isEqualTo(upn);
        browser.screenshot("3-credential-connected");

        browser.click("#test");
        assertThat(browser.text("#claim-aud")).isEqualTo(Resources.GRAPH);
        assertThat(browser.text("#claim-scp")).contains("Mail.ReadWrite").doesNotContain("SMTP.Send");
        assertThat(browser.text("#claim-user")).isEqualTo(upn);
        assertThat(browser.source()).doesNotContain("eyJ"); // no JWT on the page
        browser.screenshot("4-test-result");

        String relayApp = app(null, "SMTP relay", "relay-secret", Instant.now().plus(Duration.ofDays(13)));
        Map<String, Object> relay = Api.appCredential("smtp-relay", relayApp, "relay-secret");
        relay.put("description", "Legacy devices: SMTP relay");
        relay.put("secretExpiresAt", Instant.now().plus(Duration.ofDays(12)).plus(Duration.ofHours(1)).toString());
        create(relay);

        browser.open(url("/ui/credentials"));
        assertThat(browser.text("#row-smtp-relay")).contains("Secret expiring in 12 days").contains("Application");
        assertThat(browser.text("#row-erp-mail")).contains("Active").contains(upn)
                .contains("Delegated").contains(Api.TENANT);
    }

    @Test
    void anApplicationCredentialHasNoKeyIcon() {
        String clientId = app(null, "No key", "nokey-secret", Instant.now().plus(Duration.ofDays(365)));
        Map<String, Object> credential = Api.appCredential("no-key", clientId, "nokey-secret");
        credential.remove("scopes");
        credential.put("scope", "https://graph.microsoft.com/.default");
        create(credential);
        browser.open(url("/ui/credentials/no-key"));
        assertThat(browser.exists("#connect")).isFalse();
        assertThat(browser.exists("#toolbar #test")).isTrue();
        assertThat(browser.exists("#toolbar #replace-secret")).isTrue();
        assertThat(browser.text("#scope")).isEqualTo("https://graph.microsoft.com/.default");
        browser.click("#edit");
        assertThat(browser.find("#scope").getAttribute("value")).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(new Select(browser.find("#grantType")).getFirstSelectedOption().getText())
                .isEqualTo("Client credentials");
    }

    @Test
    void declinedConsentShowsMicrosoftsError() {
        String upn = "decliner@contoso.onmicrosoft.com";
        String clientId = app(upn, "Dee Cliner", "ui-secret-2", Instant.now().plus(Duration.ofDays(365)));
        create(Api.delegatedCredential("declined-mail", clientId, "ui-secret-2"));

        browser.open(url("/ui/credentials/declined-mail"));
        browser.click("#connect");
        signInAtMicrosoft(upn, false);

        assertThat(browser.driver().getCurrentUrl())
                .startsWith(url("/ui/credentials/declined-mail"));
        assertThat(browser.text("#consent-result")).contains("Sign-in not completed.").contains("access_denied")
                .contains("AADSTS65004").contains("Click the key icon (Connect) to try again");
        assertThat(browser.text("#status-badge")).isEqualTo("Consent required");
        admin().get("/api/credentials/declined-mail").then().statusCode(200)
                .body("status.state", org.hamcrest.Matchers.equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void expiredSecretSaysWhatToDo() {
        Instant expired = Instant.now().minus(Duration.ofDays(2));
        String clientId = app(null, "Expired app", "old-secret", Instant.now().plus(Duration.ofDays(365)));
        sim().tenant(Api.TENANT).app(clientId).applicationRoles(Resources.GRAPH, "Mail.ReadWrite")
                .expireSecret("old-secret", Instant.now().minusSeconds(60));
        Map<String, Object> credential = Api.appCredential("expired-app", clientId, "old-secret");
        credential.put("scopes", Map.of("graph", List.of()));
        credential.put("description", "Invoice import: reads the invoices@ mailbox");
        credential.put("secretExpiresAt", expired.toString());
        create(credential);

        browser.open(url("/ui/credentials/expired-app"));
        assertThat(browser.text("#status-badge")).isEqualTo("Secret expired");
        assertThat(browser.text(".page-head")).contains("Invoice import: reads the invoices@ mailbox");
        browser.click("#run-test");

        assertThat(browser.text("#test-result")).contains("No token for graph").contains("AADSTS7000222");
        assertThat(browser.text("#status-badge")).isEqualTo("Configuration error");
        String day = LocalDate.ofInstant(expired, ZoneOffset.UTC).format(java.time.format.DateTimeFormatter
                .ofPattern("d MMM yyyy"));
        assertThat(browser.text("#status-action")).isEqualTo("What to do: The client secret expired on " + day
                + " — create a new secret in Entra ID (App registrations → Certificates & secrets) and paste its "
                + "value here (Edit).");
        browser.screenshot("6-expired-secret");

        // Replace secret: a new secret from Entra ID, everything else kept.
        sim().tenant(Api.TENANT).app(clientId).secret("new-secret", Instant.now().plus(Duration.ofDays(700)));
        browser.click("#replace-secret");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(url("/ui/credentials/expired-app/secret"));
        browser.type("#clientSecret", "new-secret");
        browser.driver().executeScript("document.getElementById('secretExpiresAt').value = '2028-10-31'");
        browser.screenshot("8-replace-secret");
        browser.click("#save");
        assertThat(browser.driver().getCurrentUrl()).startsWith(url("/ui/credentials/expired-app"));
        assertThat(browser.text("#saved")).startsWith("New secret saved.");
        assertThat(browser.text("#status-badge")).isEqualTo("Active");
        assertThat(browser.text(".page-head")).contains("Invoice import: reads the invoices@ mailbox");
        assertThat(browser.source()).doesNotContain("new-secret");
        browser.click("#test");
        assertThat(browser.text("#test-result")).contains("Token for graph received");
        admin().get("/api/credentials/expired-app").then().body("secretExpiresAt",
                org.hamcrest.Matchers.equalTo("2028-10-31T00:00:00Z"));

        // An empty secret is refused inline, and a form without the CSRF token not at all.
        browser.click("#replace-secret");
        browser.click("#save");
        assertThat(browser.text("#clientSecret-error")).contains("is required");
        assertThat(browser.text("#form-errors")).contains("The secret was not replaced");
        given().auth().preemptive().basic("admin", "admin-pass").redirects().follow(false)
                .formParam("clientSecret", "planted").post("/ui/credentials/expired-app/secret").then()
                .statusCode(403);
    }

    @Test
    void invalidFormShowsTheApisMessagesInline() {
        browser.open(url("/ui/credentials/new"));
        browser.type("#id", "not valid!");
        browser.type("#clientSecret", "typed-secret");
        browser.type("#scope", "Mail.ReadWrite https://outlook.office.com/SMTP.Send");
        browser.click("#save");

        assertThat(browser.text("#form-errors")).contains("The credential was not saved");
        assertThat(browser.text("#id-error"))
                .isEqualTo("⚠ Id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        assertThat(browser.text("#tenantId-error")).contains("is required: a directory (tenant) id or domain");
        assertThat(browser.text("#clientId-error")).contains("is required: the application (client) id");
        assertThat(browser.text("#scope-error")).contains("Scope mixes 2 resources").contains("AADSTS70011")
                .contains("one credential per resource");
        assertThat(browser.find("#scope").getAttribute("value"))
                .isEqualTo("Mail.ReadWrite https://outlook.office.com/SMTP.Send");
        assertThat(browser.find("#tenantId").getAttribute("aria-invalid")).isEqualTo("true");
        // Write-only: what was typed is not sent back.
        assertThat(browser.find("#clientSecret").getAttribute("value")).isEmpty();
        assertThat(browser.source()).doesNotContain("typed-secret");
        // The same validation as the API, which names the first of these fields.
        admin().body(Map.of("id", "not valid!", "grantType", "authorization_code", "scopes", Map.of()))
                .post("/api/credentials").then().statusCode(400).body("detail", org.hamcrest.Matchers
                        .equalTo(
                                "Field 'id' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit."));
        browser.screenshot("2-form-validation");
    }

    @Test
    void editKeepsTheSecretAndDeleteAsksFirst() {
        String clientId = app(null, "Edit app", "keep-me", Instant.now().plus(Duration.ofDays(365)));
        create(Api.appCredential("edit-me", clientId, "keep-me"));

        browser.open(url("/ui/credentials/edit-me"));
        browser.click("#edit");
        assertThat(browser.find("#clientSecret").getAttribute("value")).isEmpty();
        assertThat(browser.text("#clientSecret-hint")).contains("Leave empty to keep it");
        browser.type("#description", "Changed in the UI");
        browser.click("#save");
        assertThat(browser.text("#saved")).isEqualTo("Changes saved.");
        admin().get("/api/credentials/edit-me").then().body("description",
                org.hamcrest.Matchers.equalTo("Changed in the UI")).body("clientSecretSet",
                        org.hamcrest.Matchers.equalTo(true));

        browser.click("#delete");
        assertThat(browser.text("h1")).isEqualTo("Delete credential edit-me?");
        admin().get("/api/credentials/edit-me").then().statusCode(200);
        browser.click("#confirm-delete");
        assertThat(browser.text(".notice")).isEqualTo("Credential 'edit-me' was deleted.");
        assertThat(browser.exists("#row-edit-me")).isFalse();
        admin().get("/api/credentials/edit-me").then().statusCode(404);
    }

    @Test
    void formPostsWithoutAValidCsrfTokenAreRefused() {
        String clientId = app(null, "Csrf app", "csrf-secret", Instant.now().plus(Duration.ofDays(365)));
        create(Api.appCredential("csrf-target", clientId, "csrf-secret"));
        var asAdmin = given().auth().preemptive().basic("admin", "admin-pass").redirects().follow(false);

        asAdmin.formParam("x", "y").post("/ui/credentials/csrf-target/delete").then().statusCode(403)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"));
        given().auth().preemptive().basic("admin", "admin-pass").redirects().follow(false)
                .cookie("eb-csrf", "planted").formParam("csrf", "planted")
                .post("/ui/credentials/csrf-target/delete").then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin-pass").redirects().follow(false)
                .formParam("id", "csrf-new").formParam("grantType", "client_credentials")
                .post("/ui/credentials").then().statusCode(403);
        admin().get("/api/credentials/csrf-target").then().statusCode(200);
        admin().get("/api/credentials/csrf-new").then().statusCode(404);

        // The browser's own form post carries the token and goes through.
        browser.open(url("/ui/credentials/csrf-target/delete"));
        browser.click("#confirm-delete");
        admin().get("/api/credentials/csrf-target").then().statusCode(404);
    }

    @Test
    void overPlainHttpTheCsrfCookieIsNotSecureElseTheBrowserWouldNotSendItBack() {
        String setCookie = given().auth().preemptive().basic("admin", "admin-pass").get("/ui/credentials/new")
                .then().statusCode(200).extract().header("Set-Cookie");
        assertThat(setCookie).startsWith(CsrfGuard.COOKIE + "=").containsIgnoringCase("HttpOnly")
                .doesNotContainIgnoringCase("Secure");
    }

    @Test
    void navigationExplainsHowToShowTheOtherServices() {
        browser.click("a[href='/ui/mailboxes']");
        assertThat(browser.find("a[aria-current=page]").getText()).isEqualTo("Mailboxes");
        assertThat(browser.text("#not-configured"))
                .contains("credential.ui.import-service.url=http://import-service:8082")
                .contains("CREDENTIAL_UI_IMPORT_SERVICE_URL");
        browser.click("a[href='/ui/routes']");
        assertThat(browser.text("#not-configured")).contains("credential.ui.smtp-service.url=http://smtp-service:8083");
    }

    @Test
    void pagesNeedTheAdminRole() {
        given().get("/ui/credentials").then().statusCode(401);
        given().auth().preemptive().basic("app1", "app1-pass").get("/ui/credentials").then().statusCode(403);
    }
}
