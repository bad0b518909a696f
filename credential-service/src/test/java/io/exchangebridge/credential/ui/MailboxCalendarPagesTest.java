package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.ConsoleSession.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.ConsoleSession;
import io.exchangebridge.credential.testing.FakePeerServices;
import io.exchangebridge.credential.testing.PeerServicesResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The calendar sync of mailbox accounts in the console (issue 17), against the fake import-service: the form's
 * {@code importMail} and {@code calendar} round trip, and the import-service's calendar errors next to their fields.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesResource.class)
class MailboxCalendarPagesTest {

    FakePeerServices fake;

    @BeforeEach
    void reset() {
        fake = PeerServicesResource.fake();
        fake.reset();
    }

    @Test
    void aNewAccountImportsMailWithTheCalendarOffAndTheServicesWindowAndNamesThePermissions() {
        String page = admin().get("/ui/mailboxes/new").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"importMail\" checked").contains("id=\"syncCalendar\" aria-describedby")
                .contains("id=\"calendarDaysBack\" name=\"calendarDaysBack\" type=\"text\" value=\"30\"")
                .contains("id=\"calendarDaysAhead\" name=\"calendarDaysAhead\" type=\"text\" value=\"365\"")
                .contains("<strong>Calendars.ReadWrite</strong>").contains("admin consent")
                .contains("https://graph.microsoft.com/.default").contains("Calendars.ReadWrite offline_access")
                .contains("Calendars.ReadWrite.Shared</span> for a shared or room mailbox");
        assertThat(admin().get("/ui/credentials/new").then().statusCode(200).extract().asString())
                .contains("Calendar sync: the application permission Calendars.ReadWrite (admin consent)")
                .contains("Calendars.ReadWrite.Shared for a shared or room mailbox");
    }

    @Test
    void theCalendarSettingsAreSentAsTheContractsJsonAndKeptWhenEditing() {
        ConsoleSession browser = ConsoleSession.open("/ui/mailboxes/new");
        save(browser).formParam("id", "planning").formParam("importMail", "true")
                .formParam("syncCalendar", "true").formParam("calendarName", " Projects ")
                .formParam("calendarDaysBack", "14").formParam("calendarDaysAhead", "90").post("/ui/mailboxes")
                .then().statusCode(303);
        assertThat(fake.mailboxes.get("planning")).containsEntry("importMail", true).containsEntry("calendar",
                Map.of("name", "Projects", "daysBack", 14, "daysAhead", 90));

        String edit = admin().get("/ui/mailboxes/planning/edit").then().statusCode(200).extract().asString();
        assertThat(edit).contains("id=\"importMail\" checked").contains("id=\"syncCalendar\" checked")
                .contains("name=\"calendarName\" type=\"text\" value=\"Projects\"")
                .contains("name=\"calendarDaysBack\" type=\"text\" value=\"14\"")
                .contains("name=\"calendarDaysAhead\" type=\"text\" value=\"90\"");

        // calendar only, the primary calendar, the service's default window
        save(browser).formParam("syncCalendar", "true").formParam("calendarName", "")
                .formParam("calendarDaysBack", "").formParam("calendarDaysAhead", "")
                .post("/ui/mailboxes/planning").then().statusCode(303);
        assertThat(fake.mailboxes.get("planning")).containsEntry("importMail", false);
        assertThat(calendar("planning")).containsEntry("name", null).containsEntry("daysBack", 30)
                .containsEntry("daysAhead", 365);
        assertThat(admin().get("/ui/mailboxes/planning/edit").then().extract().asString())
                .doesNotContain("id=\"importMail\" checked").contains("id=\"syncCalendar\" checked");

        // Disable sends the account back with its calendar
        browser.form().post("/ui/mailboxes/planning/disable").then().statusCode(303);
        assertThat(fake.mailboxes.get("planning")).containsEntry("enabled", false).containsEntry("importMail",
                false);
        assertThat(calendar("planning")).containsEntry("daysAhead", 365);

        save(browser).formParam("importMail", "true").formParam("calendarName", "Old")
                .post("/ui/mailboxes/planning").then().statusCode(303);
        assertThat(fake.mailboxes.get("planning")).containsEntry("importMail", true).containsEntry("calendar", null);
        assertThat(admin().get("/ui/mailboxes/planning/edit").then().extract().asString())
                .doesNotContain("id=\"syncCalendar\" checked").contains("value=\"365\"");
    }

    @Test
    void theImportServicesCalendarErrorsAreShownNextToTheirFields() {
        ConsoleSession browser = ConsoleSession.open("/ui/mailboxes/new");
        String tooLarge = save(browser).formParam("id", "wide").formParam("importMail", "true")
                .formParam("syncCalendar", "true").formParam("calendarDaysBack", "1000")
                .formParam("calendarDaysAhead", "1000").post("/ui/mailboxes").then().statusCode(400).extract()
                .asString();
        assertThat(tooLarge).contains("<p class=\"field-error\" id=\"calendarDaysAhead-error\"><span aria-hidden="
                + "\"true\">⚠ </span>The window is too large: daysBack + daysAhead is 2000 days, at most 1825.</p>")
                .contains("href=\"#calendarDaysAhead\"").contains("id=\"syncCalendar\" checked")
                .contains("name=\"calendarDaysBack\" type=\"text\" value=\"1000\"")
                .doesNotContain("id=\"calendarDaysBack-error\"");
        assertThat(fake.mailboxes).doesNotContainKey("wide");

        String neither = save(browser).formParam("id", "nothing").post("/ui/mailboxes").then()
                .statusCode(400).extract().asString();
        assertThat(neither).contains("<p class=\"field-error\" id=\"syncCalendar-error\"><span aria-hidden=\"true\">"
                + "⚠ </span>Neither mail nor the calendar is synced: turn one on.</p>")
                .contains("aria-describedby=\"syncCalendar-hint syncCalendar-error\"")
                .doesNotContain("id=\"importMail\" checked");

        // the form's own check, before the import-service is asked
        int asked = fake.onBehalfOf.size();
        assertThat(save(browser).formParam("importMail", "true").formParam("syncCalendar", "true")
                .formParam("calendarDaysBack", "a month").post("/ui/mailboxes").then().statusCode(400).extract()
                .asString()).contains("id=\"calendarDaysBack-error\"").contains("value=\"a month\"");
        assertThat(save(browser).formParam("importMail", "true").formParam("syncCalendar", "true")
                .formParam("calendarDaysAhead", "-1").post("/ui/mailboxes").then().statusCode(400).extract()
                .asString()).contains("id=\"calendarDaysAhead-error\"")
                .contains("Field &#39;calendar.daysAhead&#39; must be a whole number of days, 0 or more.");
        // the import-service was not called for these two
        assertThat(fake.mailboxes).containsOnlyKeys("erp-inbox");
        assertThat(fake.onBehalfOf.size()).isEqualTo(asked);
    }

    /** The form's save post with the defaults a browser sends (no checkbox checked), the credential chosen. */
    private static RequestSpecification save(ConsoleSession browser) {
        return browser.form().formParam("action", "save").formParam("mailbox", "planning@contoso.onmicrosoft.com")
                .formParam("credentialId", "erp-mail");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> calendar(String id) {
        return (Map<String, Object>) fake.mailboxes.get(id).get("calendar");
    }
}
