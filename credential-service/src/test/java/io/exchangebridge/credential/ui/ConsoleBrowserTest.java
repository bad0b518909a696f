package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.FakePeerServices;
import io.exchangebridge.credential.testing.PeerServicesResource;
import io.exchangebridge.testing.Browser;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console's management of the other services in a real Chromium, against the stateful fake of their APIs: a mailbox
 * account with the folder picked from the mailbox's folders, edited, disabled, enabled and deleted after the
 * confirmation; a sender route created, edited, tested and deleted; the Exact form, and its rollback when the route
 * cannot be created. Run with {@code -Dscreenshots=<dir>} for the README's screenshots of these pages.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesResource.class)
class ConsoleBrowserTest {

    @TestHTTPResource("/")
    URL base;

    Browser browser;
    FakePeerServices fake;

    @BeforeEach
    void start() {
        fake = PeerServicesResource.fake();
        fake.reset();
        browser = new Browser();
        browser.open(base.toString().replace("://", "://admin:admin-pass@") + "ui/mailboxes");
        assertThat(browser.title()).contains("Mailboxes");
    }

    @AfterEach
    void stop() {
        browser.close();
    }

    String url(String path) {
        return base + path.substring(1);
    }

    void credential(String id) {
        if (admin().get("/api/credentials/" + id).statusCode() == 404) {
            Map<String, Object> c = Api.appCredential(id, "11111111-2222-3333-4444-555555555555", "app-secret");
            c.put("description", "Invoice import");
            Api.create(c);
        }
    }

    @Test
    void aMailboxAccountIsCreatedWithItsFolderPickedEditedDisabledAndDeleted() {
        credential("invoices-app");
        browser.open(url("/ui/mailboxes"));
        assertThat(browser.exists("#mailboxes tr[data-id=erp-inbox]")).isTrue();
        browser.click("#new-mailbox");
        browser.type("#id", "invoices");
        browser.type("#mailbox", "invoices@contoso.onmicrosoft.com");
        new Select(browser.find("#credentialId")).selectByValue("invoices-app");
        browser.click("#load-folders");

        Select folder = new Select(browser.find("#folder"));
        assertThat(folder.getFirstSelectedOption().getText()).isEqualTo("Inbox (7, 3 unread)");
        assertThat(browser.find("#mailbox").getAttribute("value")).isEqualTo("invoices@contoso.onmicrosoft.com");
        folder.selectByValue("Inbox/Support");
        new Select(browser.find("#afterImport")).selectByValue("MOVE");
        browser.type("#moveToFolder", "Archive");
        browser.screenshot("7-mailbox-form");
        browser.click("#save");

        assertThat(browser.driver().getCurrentUrl()).startsWith(url("/ui/mailboxes/invoices"));
        assertThat(browser.text("#saved")).isEqualTo("Mailbox account created.");
        assertThat(fake.mailboxes.get("invoices")).containsEntry("folder", "Inbox/Support")
                .containsEntry("credentialId", "invoices-app").containsEntry("moveToFolder", "Archive");
        assertThat(browser.text("#credential")).contains("invoices-app");

        browser.click("#edit");
        assertThat(new Select(browser.find("#folder")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("Inbox/Support");
        new Select(browser.find("#afterImport")).selectByValue("MARK_READ");
        browser.click("#save");
        assertThat(browser.text("#saved")).isEqualTo("Changes saved.");
        assertThat(fake.mailboxes.get("invoices")).containsEntry("afterImport", "MARK_READ")
                .containsEntry("moveToFolder", null);

        browser.click("#disable");
        assertThat(browser.text("#enabled-badge")).isEqualTo("Disabled");
        assertThat(fake.mailboxes.get("invoices")).containsEntry("enabled", false);
        browser.click("#enable");
        assertThat(browser.text("#enabled-badge")).isEqualTo("Enabled");

        browser.click("#import-now");
        assertThat(browser.driver().getCurrentUrl()).contains("/ui/imports/");
        assertThat(browser.text("#results tr[data-id=invoices]")).contains("SUCCEEDED");

        browser.open(url("/ui/mailboxes/invoices"));
        browser.click("#delete");
        assertThat(browser.text("h1")).isEqualTo("Delete mailbox account invoices?");
        assertThat(fake.mailboxes).containsKey("invoices");
        browser.click("#confirm-delete");
        assertThat(browser.text("#saved")).isEqualTo("Mailbox account 'invoices' was deleted.");
        assertThat(browser.exists("#mailboxes tr[data-id=invoices]")).isFalse();
        assertThat(fake.mailboxes).doesNotContainKey("invoices");
        assertThat(fake.importAudit).extracting(e -> e.get("action")).contains("mailbox.create", "mailbox.update",
                "mailbox.delete");
        assertThat(fake.importAudit.get(0)).containsEntry("actor", "admin via " + FakePeerServices.USER);
    }

    @Test
    void aRoomMailboxSyncsOnlyItsCalendarWithTheSyncCalendarCheckbox() {
        credential("invoices-app");
        browser.open(url("/ui/mailboxes/new"));
        browser.type("#id", "room-1");
        browser.type("#mailbox", "room-1@contoso.onmicrosoft.com");
        new Select(browser.find("#credentialId")).selectByValue("invoices-app");
        assertThat(browser.find("#importMail").isSelected()).isTrue();
        assertThat(browser.find("#syncCalendar").isSelected()).isFalse();
        assertThat(browser.text("#syncCalendar-hint")).contains("Calendars.ReadWrite.Shared");
        browser.toggle("#importMail");
        browser.toggle("#syncCalendar");
        browser.type("#calendarDaysAhead", "60");
        browser.click("#save");

        assertThat(browser.text("#saved")).isEqualTo("Mailbox account created.");
        assertThat(browser.text("#calendar-name")).isEqualTo("the primary calendar");
        assertThat(browser.text("#calendar-window")).isEqualTo("30 days back, 60 days ahead");
        assertThat(fake.mailboxes.get("room-1")).containsEntry("importMail", false);
        assertThat(fake.mailboxes.get("room-1").get("calendar")).hasToString("{name=null, daysBack=30, daysAhead=60}");
    }

    @Test
    void aMailboxWhoseFoldersCannotBeListedKeepsAFreeTextFolder() {
        credential("invoices-app");
        browser.open(url("/ui/mailboxes/new"));
        browser.type("#mailbox", FakePeerServices.NO_FOLDERS);
        new Select(browser.find("#credentialId")).selectByValue("invoices-app");
        browser.click("#load-folders");
        assertThat(browser.text("#folders-error")).contains("The folders could not be listed")
                .contains("ErrorAccessDenied");
        assertThat(browser.find("#folder").getTagName()).isEqualTo("input");
        browser.type("#mailbox", "");
        browser.click("#load-folders");
        assertThat(browser.text("#folders-error")).contains("Choose the credential");
        assertThat(browser.find("#folder").getTagName()).isEqualTo("input");
    }

    @Test
    void aSenderRouteIsCreatedEditedTestedAndDeleted() {
        credential("relay-app");
        browser.open(url("/ui/routes"));
        browser.click("#new-route");
        browser.type("#sender", "not an address");
        browser.type("#mailbox", "erp@contoso.com");
        new Select(browser.find("#credentialId")).selectByValue("relay-app");
        new Select(browser.find("#transport")).selectByValue("GRAPH");
        browser.click("#save");
        assertThat(browser.text("#form-errors")).contains("The sender route was not saved.");
        assertThat(browser.text("#sender-error")).contains("Field 'sender' must be an email address or a domain.");
        assertThat(new Select(browser.find("#transport")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("GRAPH");

        browser.type("#sender", "erp@contoso.com");
        browser.click("#save");
        assertThat(browser.text("#saved")).isEqualTo("Sender route created.");
        String id = fake.routes.keySet().iterator().next();
        assertThat(browser.driver().getCurrentUrl()).startsWith(url("/ui/routes/" + id));

        browser.click("#edit");
        browser.type("#mailbox", "shared-erp@contoso.com");
        browser.click("#save");
        assertThat(browser.text("#route-mailbox")).isEqualTo("shared-erp@contoso.com");
        assertThat(fake.routes.get(id)).containsEntry("mailbox", "shared-erp@contoso.com");

        browser.type("#to", "anna@example.com");
        browser.click("#send-test");
        String message = fake.outbox.get(0).get("id").toString();
        assertThat(browser.text("#test-result")).contains("Test message queued").contains(message);
        browser.screenshot("8-route-test");
        browser.click("#test-message");
        assertThat(browser.text("#message-status")).isEqualTo("QUEUED");

        browser.open(url("/ui/routes/" + id));
        browser.click("#delete");
        browser.click("#confirm-delete");
        assertThat(browser.text("#saved")).isEqualTo("The route for erp@contoso.com was deleted.");
        assertThat(fake.routes).isEmpty();
    }

    @Test
    void sendMailAsAnApplicationCreatesTheCredentialAndTheGraphRouteInOneStep() {
        browser.open(url("/ui/credentials"));
        browser.click("#send-as-application");
        assertThat(browser.text("h1")).isEqualTo("Send mail as an application");
        browser.type("#tenantId", Api.TENANT);
        browser.type("#clientId", "99999999-2222-3333-4444-555555555555");
        browser.type("#clientSecret", "exact-secret-value");
        browser.type("#sender", "erp@contoso.com");
        browser.screenshot("9-send-as-application");
        browser.click("#save");

        assertThat(browser.driver().getCurrentUrl()).startsWith(url("/ui/credentials/send-erp-contoso-com"));
        assertThat(browser.text("#saved")).contains("sender route for erp@contoso.com")
                .contains("over Microsoft Graph");
        assertThat(browser.source()).doesNotContain("exact-secret-value");
        admin().get("/api/credentials/send-erp-contoso-com").then().statusCode(200)
                .body("grantType", org.hamcrest.Matchers.equalTo("client_credentials"))
                .body("clientSecretSet", org.hamcrest.Matchers.equalTo(true));
        assertThat(fake.routes.values()).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("sender", "erp@contoso.com").containsEntry("mailbox", "erp@contoso.com")
                .containsEntry("credentialId", "send-erp-contoso-com").containsEntry("transport", "GRAPH"));

        // a crafted notice is not shown
        browser.open(url("/ui/credentials/send-erp-contoso-com?saved=Call+0800-CROOK"));
        assertThat(browser.exists("#saved")).isFalse();
    }

    @Test
    void whenTheRouteCannotBeCreatedTheCredentialIsRemovedAgain() {
        Map<String, Object> existing = new LinkedHashMap<>(Map.of("id", "r-hr", "sender", "hr@contoso.com",
                "credentialId", "other", "mailbox", "hr@contoso.com", "transport", "SMTP"));
        fake.routes.put("r-hr", existing);
        browser.open(url("/ui/send-as-application"));
        browser.type("#tenantId", Api.TENANT);
        browser.type("#clientId", "99999999-2222-3333-4444-555555555555");
        browser.type("#clientSecret", "rolled-back-secret");
        browser.type("#sender", "hr@contoso.com");
        browser.click("#save");

        assertThat(browser.text("#form-errors")).contains("A route for sender 'hr@contoso.com' exists already.")
                .contains("the credential 'send-hr-contoso-com' was removed again");
        assertThat(browser.find("#clientSecret").getAttribute("value")).isEmpty();
        assertThat(browser.source()).doesNotContain("rolled-back-secret");
        assertThat(browser.find("#sender").getAttribute("value")).isEqualTo("hr@contoso.com");
        admin().get("/api/credentials/send-hr-contoso-com").then().statusCode(404);
        assertThat(fake.routes).containsOnlyKeys("r-hr");

        browser.type("#sender", "not-an-address");
        browser.click("#save");
        assertThat(browser.text("#sender-error")).contains("must be the email address of the mailbox");
    }
}
