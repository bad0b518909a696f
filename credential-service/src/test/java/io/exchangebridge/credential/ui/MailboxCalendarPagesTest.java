package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.ConsoleSession.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * {@code importMail} and {@code calendar} round trip, the import-service's calendar errors next to their fields, the
 * account's calendar and upcoming appointments, the events changed per run, and an import-service without events.
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
        // importMail is only sent when false: an import-service without calendar sync refuses unknown members
        assertThat(fake.mailboxRequests.get(0)).doesNotContainKey("importMail").containsEntry("calendar",
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
        assertThat(fake.mailboxRequests.get(1)).containsEntry("importMail", false).containsEntry("calendar", Map.of());
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

    @Test
    void theAccountsPageShowsItsCalendarTheNextAppointmentsAndTheRunsTheEventsChanged() {
        ConsoleSession browser = ConsoleSession.open("/ui/mailboxes/new");
        save(browser).formParam("id", "planning").formParam("syncCalendar", "true")
                .formParam("calendarName", "Projects").post("/ui/mailboxes").then().statusCode(303);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        fake.event("past", "planning", "Yesterday's review", now.minusDays(1));
        fake.event("other", "erp-inbox", "Another account's meeting", now.plusHours(2));
        // 105 appointments changed latest-first: the earliest come on the second page, one of them deleted
        for (int i = 105; i >= 1; i--) {
            fake.event("e" + i, "planning", "Meeting " + i, now.plusHours(2 + i));
        }
        fake.events.stream().filter(e -> e.get("id").equals("e2")).findFirst().orElseThrow().put("deleted", true);

        String before = admin().get("/ui/mailboxes/planning").then().statusCode(200).extract().asString();
        assertThat(before).contains("id=\"import-mail\">no: the calendar only")
                .contains("id=\"calendar-sync\">synced: Projects").contains("id=\"calendar-name\">Projects")
                .contains("id=\"calendar-window\">30 days back, 365 days ahead")
                .contains("id=\"calendar-synced-window\">not synced yet")
                .contains("id=\"calendar-last-sync\">not yet: Import now syncs it");
        String events = before.substring(before.indexOf("id=\"events\""));
        assertThat(events).contains("<tr data-id=\"e1\">").contains("Meeting 1").contains("<tr data-id=\"e11\">")
                .doesNotContain("data-id=\"e2\"").doesNotContain("data-id=\"e12\"").doesNotContain("Yesterday")
                .doesNotContain("Another account");
        assertThat(events.indexOf("data-id=\"e1\"")).isLessThan(events.indexOf("data-id=\"e3\""));
        assertThat(events).contains(now.plusHours(3).toString().replace('T', ' ') + " UTC");
        assertThat(fake.eventQueries).hasSize(2);
        assertThat(fake.eventQueries.get(0)).containsEntry("mailbox", "planning").containsEntry("limit", "100")
                .containsKey("from").doesNotContainKey("cursor");
        assertThat(fake.eventQueries.get(1)).containsEntry("cursor", "102");

        String run = browser.form().post("/ui/mailboxes/planning/import").then().statusCode(303).extract()
                .header("Location");
        String runPage = admin().get(run.substring(run.indexOf("/ui/"))).then().statusCode(200).extract()
                .asString();
        assertThat(runPage).contains("id=\"run-events-changed\">3</dd>")
                .contains("<td data-label=\"Events changed\" class=\"events-changed\">3</td>");
        assertThat(admin().get("/ui/imports").then().statusCode(200).extract().asString())
                .contains("<td data-label=\"Events changed\" class=\"events-changed\">3</td>");

        String after = admin().get("/ui/mailboxes/planning").then().statusCode(200).extract().asString();
        // Disable sends the settings back, not the synced window the view added
        browser.form().post("/ui/mailboxes/planning/disable").then().statusCode(303);
        assertThat(fake.mailboxRequests.getLast().get("calendar")).isEqualTo(Map.of("name", "Projects", "daysBack",
                30, "daysAhead", 365));
        assertThat(calendar("planning")).containsKey("lastSyncedAt").containsEntry("name", "Projects");
        assertThat(after).doesNotContain("not synced yet").doesNotContain("not yet: Import now")
                .containsPattern("id=\"calendar-synced-window\">\\d{4}-\\d\\d-\\d\\d 00:00 UTC – \\d{4}-\\d\\d-\\d\\d"
                        + " 00:00 UTC</dd>")
                .containsPattern("id=\"calendar-last-sync\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</dd>");
    }

    @Test
    void anImportServiceWithoutEventsGetsANoteAndAnAccountWithoutACalendarIsNotAsked() {
        String mailOnly = admin().get("/ui/mailboxes/erp-inbox").then().statusCode(200).extract().asString();
        assertThat(mailOnly).contains("id=\"import-mail\">yes").contains("id=\"calendar-sync\">not synced")
                .doesNotContain("id=\"calendar\"").doesNotContain("id=\"events\"");
        assertThat(fake.eventQueries).isEmpty();
        String run = ConsoleSession.open("/ui/mailboxes").form().post("/ui/mailboxes/erp-inbox/import").then()
                .statusCode(303).extract().header("Location");
        assertThat(admin().get(run.substring(run.indexOf("/ui/"))).then().statusCode(200).extract().asString())
                .doesNotContain("id=\"run-events-changed\"").contains("title=\"The calendar is not synced\">–");

        fake.mailboxes.get("erp-inbox").put("calendar", Map.of("daysBack", 30, "daysAhead", 365));
        fake.eventsUnsupported = true;
        String page = admin().get("/ui/mailboxes/erp-inbox").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"calendar-name\">the primary calendar").contains("<p class=\"muted\" "
                + "id=\"events-note\">This import-service does not list calendar events yet (GET /api/events answered"
                + " 404)").doesNotContain("id=\"events-error\"").contains("id=\"messages\"");

        fake.eventsUnsupported = false;
        fake.event("soon", "erp-inbox", "Soon", LocalDateTime.now(ZoneOffset.UTC).plusHours(1));
        assertThat(admin().get("/ui/mailboxes/erp-inbox").then().statusCode(200).extract().asString())
                .contains("<tr data-id=\"soon\">").doesNotContain("id=\"events-note\"")
                .doesNotContain("id=\"no-events\"");
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
