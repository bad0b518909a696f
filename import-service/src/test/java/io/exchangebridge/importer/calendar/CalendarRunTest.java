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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.exchangebridge.importer.event.EventStore;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Calendar sync inside import runs: throttling, crashes, failures, mail and calendar together, webhooks. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class CalendarRunTest {

    private static final String SECRET = "0123456789abcdef-calendar";

    @Test
    void throttlingStormIsWaitedOutWithoutEarlyRetries() {
        String upn = "cal-storm@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        for (int i = 0; i < 12; i++) {
            cal.create(null, meeting("Storm " + i, today().plusDays(i)));
        }
        createMailbox(account("cal-storm", upn, null, null));
        // Eight failures in a row on the calendar's requests (importer.graph.max-retries = 8).
        sim().mail().faults().throttleNext(upn, 3, RetryAfter.seconds(1))
                .throttleNext(upn, 1, RetryAfter.httpDate(Duration.ofSeconds(2)))
                .throttleNext(upn, 1, RetryAfter.missing()).failNext(upn, 1, 503).failNext(upn, 1, 504)
                .dropNext(upn, 1);
        long early = sim().requestLog().earlyRetries();

        JsonPath result = run("cal-storm");

        assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(result.getInt("eventsChanged")).isEqualTo(12);
        assertThat(sim().mail().faults().pending(upn)).isZero();
        assertThat(sim().requestLog().earlyRetries()).isEqualTo(early);
        assertThat(items(events("cal-storm", null))).hasSize(12);
    }

    @Test
    void aCrashMidSyncAppliesEachChangeOnce() {
        String upn = "cal-crash@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        for (int i = 0; i < 5; i++) {
            cal.create(null, meeting("Crash " + i, today().plusDays(i + 1)));
        }
        createMailbox(account("cal-crash", upn, null, null));
        String cursor = events("cal-crash", null).getString("nextCursor");
        AtomicInteger seen = new AtomicInteger();
        QuarkusMock.installMockForType(new SyncCheckpoints() {
            @Override
            public void afterChange(String mailboxId, String graphId) {
                if ("cal-crash".equals(mailboxId) && seen.incrementAndGet() == 3) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        }, SyncCheckpoints.class);

        JsonPath crashed = run("cal-crash");
        JsonPath rerun = run("cal-crash");

        assertThat(crashed.getString("status")).isEqualTo("FAILED");
        assertThat(crashed.getString("errorCode")).isEqualTo("INTERNAL_ERROR");
        assertThat(crashed.getInt("eventsChanged")).isEqualTo(3);
        assertThat(rerun.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(rerun.getInt("eventsChanged")).as("what the crashed run applied is no change").isEqualTo(2);
        List<Map<String, Object>> feed = items(events("cal-crash", cursor));
        assertThat(feed).hasSize(5).extracting(e -> e.get("graphId")).doesNotHaveDuplicates();
        assertThat(run("cal-crash").getInt("eventsChanged")).isZero();
    }

    @Inject
    EventStore store;

    @Inject
    ObjectMapper objectMapper;

    @Test
    void anEventWrittenThroughTheApiDuringAFullRoundIsNotTakenForDeleted() {
        String upn = "cal-race@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        cal.create(null, meeting("Existing", today().plusDays(1)));
        createMailbox(account("cal-race", upn, null, null));
        AtomicReference<String> written = new AtomicReference<>();
        // While the first round applies what it read, a writer creates an event and stores it, as the write API does.
        QuarkusMock.installMockForType(new SyncCheckpoints() {
            @Override
            public void afterChange(String mailboxId, String graphId) {
                if ("cal-race".equals(mailboxId) && written.get() == null) {
                    StoredEvent e = cal.create(null, meeting("Written meanwhile", today().plusDays(2)));
                    written.set(e.id());
                    try {
                        store.apply("cal-race", objectMapper.readValue("""
                                {"id":"%s","subject":"Written meanwhile","changeKey":"%s",
                                 "start":{"dateTime":"%sT09:00:00","timeZone":"UTC"},
                                 "end":{"dateTime":"%sT10:00:00","timeZone":"UTC"}}
                                """.formatted(e.id(), e.changeKey(), today().plusDays(2), today().plusDays(2)),
                                GraphEvent.class), "ERP-7");
                    } catch (JsonProcessingException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }
        }, SyncCheckpoints.class);

        JsonPath first = run("cal-race");

        assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(store.findByGraphId("cal-race", written.get()).orElseThrow().deleted()).isFalse();
        assertThat(items(events("cal-race", "0"))).noneMatch(e -> Boolean.TRUE.equals(e.get("deleted")));
        run("cal-race");
        assertThat(store.findByGraphId("cal-race", written.get()).orElseThrow().clientId()).isEqualTo("ERP-7");
    }

    @Test
    void mailAndCalendarInOneRunAndANamedCalendar() {
        String upn = "cal-both@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        String projects = cal.createCalendar("Projects");
        cal.create(null, meeting("Primary only", today().plusDays(1)));
        cal.create(projects, meeting("Project kickoff", today().plusDays(2)));
        TestMail.plain("cal-both", 0, 2).forEach(sim().mail().mailbox(upn)::deliver);
        createMailbox(Map.of("id", "cal-both", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                "afterImport", "NONE", "calendar", Map.of("name", "projects")));

        JsonPath result = run("cal-both");

        assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(result.getInt("imported")).isEqualTo(2);
        assertThat(result.getInt("eventsChanged")).isEqualTo(1);
        assertThat(items(events("cal-both", null))).extracting(e -> e.get("subject"))
                .containsExactly("Project kickoff");
    }

    @Test
    void failuresHaveCodesAndSettingsAreValidated() {
        String upn = "cal-fail@contoso.onmicrosoft.com";
        calendar(upn);
        Map<String, Object> missing = account("cal-missing", upn, null, null);
        missing.put("calendar", Map.of("name", "No such calendar"));
        createMailbox(missing);
        JsonPath notFound = run("cal-missing");
        assertThat(notFound.getString("status")).isEqualTo("FAILED");
        assertThat(notFound.getString("errorCode")).isEqualTo("CALENDAR_NOT_FOUND");
        assertThat(notFound.getString("reason")).contains("No such calendar");

        Map<String, Object> powerless = account("cal-denied", upn, null, null);
        powerless.put("credentialId", SimulatorResource.POWERLESS);
        createMailbox(powerless);
        JsonPath denied = run("cal-denied");
        assertThat(denied.getString("errorCode")).isEqualTo("ACCESS_DENIED");
        assertThat(denied.getString("reason")).contains("Calendars.ReadWrite");

        as("admin").contentType("application/json").body(account("cal-wide", upn, 900, 1000)).post("/api/mailboxes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("calendar.daysAhead"));
        as("admin").contentType("application/json")
                .body(Map.of("mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL, "importMail", false))
                .post("/api/mailboxes").then().statusCode(400).body("field", equalTo("calendar"));
        as("reader").queryParam("timeZone", "Mars/Olympus").get("/api/events").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("timeZone"));
        as("reader").queryParam("cursor", "abc").get("/api/events").then().statusCode(400)
                .body("field", equalTo("cursor"));
        as("reader").get("/api/events/3f1c2b7e-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void eventChangesArePostedSigned() throws IOException {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(new String[]{
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Event")});
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            String upn = "cal-hook@contoso.onmicrosoft.com";
            MailboxCalendar cal = calendar(upn);
            var event = cal.create(null, meeting("Hooked", today().plusDays(1)));
            Map<String, Object> body = account("cal-hook", upn, null, null);
            body.put("webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            body.put("webhookSecret", SECRET);
            createMailbox(body);
            run("cal-hook");
            cal.delete(event.id());
            run("cal-hook");

            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
            ObjectMapper json = new ObjectMapper();
            for (String[] r : received) {
                assertThat(WebhookSignature.verify(SECRET, r[1], r[0].getBytes(StandardCharsets.UTF_8), r[2])).isTrue();
                JsonNode payload = json.readTree(r[0]);
                assertThat(payload.path("type").asText()).isEqualTo(r[3]);
                assertThat(payload.path("event").path("graphId").asText()).isEqualTo(event.id());
            }
            assertThat(received).extracting(r -> r[3]).containsExactly("event.created", "event.deleted");
        } finally {
            receiver.stop(0);
        }
    }
}
