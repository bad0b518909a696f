package io.exchangebridge.importer.calendar;

import static io.exchangebridge.importer.calendar.CalendarTestSupport.account;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.calendar;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.events;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.items;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.meeting;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.sim;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.today;
import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.exchangebridge.importer.testing.Api.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Calendar sync against the simulator's Graph calendar and a real PostgreSQL: what Outlook changes, seen once. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class CalendarSyncTest {

    @AfterEach
    void realTime() {
        sim().clock().reset();
    }

    @Test
    void outlookChangesAreSeenOnceInTheChangeFeed() {
        String upn = "cal-feed@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        StoredEvent planning = cal.create(null, meeting("Planning", today().plusDays(2)));
        StoredEvent review = cal.create(null, meeting("Review", today().plusDays(3)));
        createMailbox(account("cal-feed", upn, null, null));

        JsonPath first = run("cal-feed");

        assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(first.getInt("eventsChanged")).isEqualTo(2);
        assertThat(first.getInt("imported")).isZero();
        JsonPath current = events("cal-feed", null);
        assertThat(items(current)).extracting(e -> e.get("subject")).containsExactlyInAnyOrder("Planning", "Review");
        Map<String, Object> stored = items(current).stream().filter(e -> "Planning".equals(e.get("subject")))
                .findFirst().orElseThrow();
        assertThat(stored.get("graphId")).isEqualTo(planning.id());
        assertThat(stored.get("type")).isEqualTo("singleInstance");
        assertThat(stored.get("location")).isEqualTo("Room 1");
        assertThat(stored.get("changeKey")).isEqualTo(planning.changeKey());
        assertThat(stored.get("start")).isEqualTo(Map.of("dateTime", today().plusDays(2) + "T09:00:00", "timeZone",
                "UTC"));
        assertThat((List<Map<String, Object>>) stored.get("attendees")).extracting(a -> a.get("address"))
                .containsExactly("bob@example.com");
        as("reader").queryParam("timeZone", "Europe/Amsterdam").get("/api/events/" + stored.get("id")).then()
                .statusCode(200).header("ETag", "\"" + planning.changeKey() + "\"")
                .body("start.timeZone", org.hamcrest.Matchers.equalTo("Europe/Amsterdam"))
                .body("start.dateTime", org.hamcrest.Matchers.equalTo(today().plusDays(2) + "T10:00:00"));
        as("admin").get("/api/mailboxes/cal-feed").then().statusCode(200)
                .body("calendar.windowStart", org.hamcrest.Matchers.notNullValue())
                .body("calendar.lastSyncedAt", org.hamcrest.Matchers.notNullValue())
                .body("calendar.daysAhead", org.hamcrest.Matchers.equalTo(365));
        String cursor = current.getString("nextCursor");

        StoredEvent moved = cal.update(planning.id(), "{\"subject\":\"Planning (moved)\"}");
        JsonPath second = run("cal-feed");
        JsonPath again = run("cal-feed");

        assertThat(second.getInt("eventsChanged")).isEqualTo(1);
        assertThat(again.getInt("eventsChanged")).isZero();
        JsonPath changes = events("cal-feed", cursor);
        assertThat(items(changes)).hasSize(1).first().satisfies(e -> {
            assertThat(e.get("subject")).isEqualTo("Planning (moved)");
            assertThat(e.get("changeKey")).isEqualTo(moved.changeKey());
            assertThat(e.get("deleted")).isEqualTo(false);
        });

        cal.delete(review.id());
        JsonPath third = run("cal-feed");

        assertThat(third.getInt("eventsChanged")).isEqualTo(1);
        JsonPath deletions = events("cal-feed", changes.getString("nextCursor"));
        assertThat(items(deletions)).hasSize(1).first().satisfies(e -> {
            assertThat(e.get("graphId")).isEqualTo(review.id());
            assertThat(e.get("deleted")).isEqualTo(true);
        });
        assertThat(items(events("cal-feed", deletions.getString("nextCursor")))).isEmpty();
        assertThat(items(events("cal-feed", null))).extracting(e -> e.get("subject"))
                .containsExactly("Planning (moved)");
    }

    @Test
    void recurringSeriesWithAnExceptionAndThenDeleted() {
        String upn = "cal-series@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        LocalDate first = today().plusDays(1);
        StoredEvent master = cal.create(null, """
                {"subject":"Standup","start":{"dateTime":"%sT08:30:00","timeZone":"UTC"},
                 "end":{"dateTime":"%sT08:45:00","timeZone":"UTC"},
                 "recurrence":{"pattern":{"type":"daily","interval":1},
                   "range":{"type":"numbered","startDate":"%s","numberOfOccurrences":5}}}
                """.formatted(first, first, first));
        createMailbox(account("cal-series", upn, 1, 30));

        JsonPath synced = run("cal-series");

        assertThat(synced.getInt("eventsChanged")).isEqualTo(5);
        List<Map<String, Object>> occurrences = items(events("cal-series", null));
        assertThat(occurrences).hasSize(5).allSatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("occurrence");
            assertThat(e.get("seriesId")).isEqualTo(master.id());
        });
        Map<String, Object> third = occurrences.stream()
                .filter(e -> ((Map<String, Object>) e.get("start")).get("dateTime")
                        .equals(first.plusDays(2) + "T08:30:00"))
                .findFirst().orElseThrow();
        String cursor = events("cal-series", null).getString("nextCursor");

        cal.update((String) third.get("graphId"), """
                {"subject":"Standup (longer)","end":{"dateTime":"%sT09:30:00","timeZone":"UTC"}}
                """.formatted(first.plusDays(2)));
        JsonPath withException = run("cal-series");

        assertThat(withException.getInt("eventsChanged")).isEqualTo(1);
        assertThat(items(events("cal-series", cursor))).hasSize(1).first().satisfies(e -> {
            assertThat(e.get("type")).isEqualTo("exception");
            assertThat(e.get("subject")).isEqualTo("Standup (longer)");
            assertThat(e.get("id")).as("our id stays").isEqualTo(third.get("id"));
            assertThat(e.get("seriesId")).isEqualTo(master.id());
        });
        String beforeOccurrenceDelete = events("cal-series", null).getString("nextCursor");
        String last = (String) occurrences.stream()
                .filter(e -> ((Map<String, Object>) e.get("start")).get("dateTime")
                        .equals(first.plusDays(4) + "T08:30:00"))
                .findFirst().orElseThrow().get("graphId");

        cal.delete(last);
        JsonPath oneDeleted = run("cal-series");

        assertThat(oneDeleted.getInt("eventsChanged")).isEqualTo(1);
        assertThat(items(events("cal-series", beforeOccurrenceDelete))).hasSize(1).first()
                .satisfies(e -> assertThat(e.get("graphId")).isEqualTo(last))
                .satisfies(e -> assertThat(e.get("deleted")).isEqualTo(true));
        String beforeDelete = events("cal-series", null).getString("nextCursor");

        cal.delete(master.id());
        JsonPath deleted = run("cal-series");

        assertThat(deleted.getInt("eventsChanged")).as("three occurrences and the exception").isEqualTo(4);
        assertThat(items(events("cal-series", beforeDelete))).hasSize(4)
                .allSatisfy(e -> assertThat(e.get("deleted")).isEqualTo(true));
        assertThat(items(events("cal-series", null))).isEmpty();
    }

    @Test
    void anEventMovedOutOfTheWindowIsAnUpdateNotADeletion() {
        String upn = "cal-moved@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        StoredEvent moving = cal.create(null, meeting("Moving", today().plusDays(3)));
        createMailbox(account("cal-moved", upn, 1, 30));
        assertThat(run("cal-moved").getInt("eventsChanged")).isEqualTo(1);
        String cursor = events("cal-moved", null).getString("nextCursor");
        LocalDate later = today().plusDays(60);

        cal.update(moving.id(), """
                {"start":{"dateTime":"%sT09:00:00","timeZone":"UTC"},"end":{"dateTime":"%sT10:00:00","timeZone":"UTC"}}
                """.formatted(later, later));
        JsonPath moved = run("cal-moved");

        assertThat(moved.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(moved.getInt("eventsChanged")).isEqualTo(1);
        assertThat(items(events("cal-moved", cursor))).hasSize(1).first().satisfies(e -> {
            assertThat(e.get("deleted")).isEqualTo(false);
            assertThat(((Map<String, Object>) e.get("start")).get("dateTime")).isEqualTo(later + "T09:00:00");
        });
        assertThat(run("cal-moved").getInt("eventsChanged")).isZero();
    }

    @Test
    void theWindowMovesForwardDaily() {
        String upn = "cal-window@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        cal.create(null, meeting("Today", today()));
        cal.create(null, meeting("Soon", today().plusDays(2)));
        StoredEvent doomed = cal.create(null, meeting("Doomed", today().plusDays(10)));
        cal.create(null, meeting("Far", today().plusDays(25)));
        createMailbox(account("cal-window", upn, 1, 20));
        JsonPath first = run("cal-window");
        assertThat(first.getInt("eventsChanged")).isEqualTo(3);
        String cursor = events("cal-window", null).getString("nextCursor");
        String windowStart = as("admin").get("/api/mailboxes/cal-window").path("calendar.windowStart");

        // Five days later "Today" and "Soon" lie before the window, "Far" has come into it; "Doomed" went meanwhile.
        sim().clock().advance(Duration.ofDays(5));
        cal.delete(doomed.id());
        JsonPath later = run("cal-window");

        assertThat(later.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(later.getInt("eventsChanged")).isEqualTo(2);
        assertThat(items(events("cal-window", cursor))).extracting(e -> e.get("subject"), e -> e.get("deleted"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Far", false),
                        org.assertj.core.groups.Tuple.tuple("Doomed", true));
        assertThat(items(events("cal-window", null))).extracting(e -> e.get("subject"))
                .as("events left behind by the window are kept, not deleted")
                .containsExactlyInAnyOrder("Today", "Soon", "Far");
        assertThat((String) as("admin").get("/api/mailboxes/cal-window").path("calendar.windowStart"))
                .isGreaterThan(windowStart);
    }

    @Test
    void aStaleDeltaTokenStartsAFullRoundThatChangesNothingKnown() {
        String upn = "cal-stale@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        cal.create(null, meeting("One", today().plusDays(1)));
        cal.create(null, meeting("Two", today().plusDays(2)));
        createMailbox(account("cal-stale", upn, null, null));
        assertThat(run("cal-stale").getInt("eventsChanged")).isEqualTo(2);
        String cursor = events("cal-stale", null).getString("nextCursor");

        sim().calendar().expireSyncState(upn);
        cal.create(null, meeting("Three", today().plusDays(3)));
        long stale = sim().requestLog().count(r -> upn.equalsIgnoreCase(r.mailbox()) && r.status() == 410);
        JsonPath result = run("cal-stale");

        assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(sim().requestLog().count(r -> upn.equalsIgnoreCase(r.mailbox()) && r.status() == 410))
                .as("Graph did refuse the token").isGreaterThan(stale);
        assertThat(result.getInt("eventsChanged")).isEqualTo(1);
        assertThat(items(events("cal-stale", cursor))).extracting(e -> e.get("subject")).containsExactly("Three");
    }
}
