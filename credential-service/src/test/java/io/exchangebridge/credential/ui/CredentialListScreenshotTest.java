package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.Browser;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The credentials list with a realistic set of credentials, from a database of its own (no other test's leftovers):
 * what the README's list screenshots show. Each row says what state it is in and, where needed, what to do.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SimulatorTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CredentialListScreenshotTest {

    private static final Instant IN_A_YEAR = Instant.now().plus(Duration.ofDays(365));

    @TestHTTPResource("/")
    URL base;

    Map<String, Object> app(String id, String description, String secret, Instant secretExpiry) {
        String clientId = AdminUiBrowserTest.app(base, null, description, secret, IN_A_YEAR);
        Map<String, Object> credential = Api.appCredential(id, clientId, secret);
        credential.put("description", description);
        credential.put("secretExpiresAt", secretExpiry.toString());
        return credential;
    }

    @Test
    void listShowsEachCredentialsStateAtAGlance() {
        String upn = "megan@contoso.onmicrosoft.com";
        String erpApp = AdminUiBrowserTest.app(base, upn, "Megan Bowen", "erp-secret", IN_A_YEAR);
        Map<String, Object> erp = Api.delegatedCredential("erp-mail", erpApp, "erp-secret");
        erp.put("description", "ERP mailbox: import and send");
        erp.put("secretExpiresAt", Instant.now().plus(Duration.ofDays(300)).toString());
        create(erp);

        String salesApp = AdminUiBrowserTest.app(base, "adele@contoso.onmicrosoft.com", "Adele Vance",
                "sales-secret", IN_A_YEAR);
        Map<String, Object> sales = Api.delegatedCredential("sales-inbox", salesApp, "sales-secret");
        sales.put("description", "Shared sales mailbox: order confirmations");
        sales.put("secretExpiresAt", Instant.now().plus(Duration.ofDays(540)).toString());
        create(sales);

        create(app("helpdesk-import", "Helpdesk: imports support@ into tickets", "helpdesk-secret",
                Instant.now().plus(Duration.ofDays(200))));
        create(app("scanner-relay", "Legacy devices: SMTP relay for scanners and printers", "relay-secret",
                Instant.now().plus(Duration.ofDays(9)).plus(Duration.ofHours(1))));
        Map<String, Object> archive = app("archive-export", "Nightly archive export (old app registration)",
                "archive-secret", Instant.now().plus(Duration.ofDays(120)));
        archive.put("clientSecret", "a-secret-entra-id-no-longer-knows");
        create(archive);

        token("app1", "helpdesk-import", "graph").then().statusCode(200);
        token("app1", "scanner-relay", "outlook").then().statusCode(200);
        token("app1", "archive-export", "graph").then().statusCode(org.hamcrest.Matchers.not(200));
        admin().get("/api/credentials/archive-export").then().body("status.state",
                equalTo("CONFIG_ERROR"));

        try (Browser browser = new Browser()) {
            browser.open(base.toString().replace("://", "://admin:admin-pass@") + "ui/credentials/erp-mail");
            browser.click("#connect");
            AdminUiBrowserTest.signInAtMicrosoft(browser, upn, true);
            assertThat(browser.text("#status-badge")).isEqualTo("Active");

            browser.open(base + "ui/credentials");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("tbody tr"))).hasSize(5);
            assertThat(browser.text("#row-erp-mail")).contains("ERP mailbox: import and send").contains("Delegated")
                    .contains("Active").contains(upn);
            assertThat(browser.text("#row-sales-inbox")).contains("Consent required").contains("not signed in")
                    .contains("after you act");
            assertThat(browser.text("#row-helpdesk-import")).contains("Application").contains("Active")
                    .doesNotContain("never");
            assertThat(browser.text("#row-scanner-relay")).contains("Secret expiring in 9 days");
            assertThat(browser.text("#row-archive-export")).contains("Configuration error");
            // Compact times in the cells, each on one line; the full timestamp in the tooltip.
            var lastRefresh = browser.find("#row-erp-mail td[data-label='Last refresh'] span");
            assertThat(lastRefresh.getText()).matches("\\d{1,2} [A-Z][a-z]{2} \\d{2}:\\d{2}");
            assertThat(lastRefresh.getAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
            assertThat(lastRefresh.getSize().getHeight()).isLessThan(30);
            assertThat(horizontalOverflow(browser)).isZero();
            browser.screenshot("1-credentials");
            browser.size(390, 844);
            assertThat(horizontalOverflow(browser)).isZero();
            browser.screenshot("5-credentials-narrow");
        }
    }

    /** How many pixels the page is wider than the window: a table that does not fit scrolls sideways. */
    static long horizontalOverflow(Browser browser) {
        return (Long) browser.driver().executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
    }
}
