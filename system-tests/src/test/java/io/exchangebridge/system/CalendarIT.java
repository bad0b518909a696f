package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.directory.Resources;

/**
 * The calendar's two-way round trip through the packaged services: an ERP creates an appointment over REST, it is
 * changed in "Outlook" (the simulator's admin HTTP), an import run syncs the calendar, the ERP sees the change in
 * {@code GET /api/events} (over the other instance: same database), and its PATCH with the old change key is a 412 that
 * overwrites nothing.
 */
class CalendarIT extends SystemTest {

    static final String APP = "calendar-app";
    static final String ACCOUNT = "cal-erp";
    static final String UPN = "cal-erp@" + DemoTenant.DOMAIN;
    static final String DAY = LocalDate.now().plusDays(3).toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void calendarAccount() {
        // the demo app may write calendars (DemoTenant grants it as well; granting twice changes nothing)
        sim.tenant(DemoTenant.DOMAIN).app(DemoTenant.CLIENT_ID).applicationRoles(Resources.GRAPH,
                "Calendars.ReadWrite");
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), APP);
        sim.tenant(DemoTenant.DOMAIN).user(UPN).password(DemoTenant.PASSWORD);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", ACCOUNT);
        account.put("mailbox", UPN);
        account.put("credentialId", APP);
        account.put("importMail", false);
        account.put("calendar", Map.of("daysBack", 7, "daysAhead", 60));
        stack.importAdmin(0).postJson("/api/mailboxes", account).expect(201);
    }

    @Test
    void anErpAppointmentChangedInOutlookComesBackOnceAndAStalePatchIsRefused() {
        ApiClient erp = stack.importWriter(0);
        Map<String, Object> appointment = new LinkedHashMap<>();
        appointment.put("mailbox", ACCOUNT);
        appointment.put("subject", "Service visit");
        appointment.put("start", Map.of("dateTime", DAY + "T09:00:00", "timeZone", "Europe/Berlin"));
        appointment.put("end", Map.of("dateTime", DAY + "T10:00:00", "timeZone", "Europe/Berlin"));
        appointment.put("clientId", "ERP-9001");

        ApiClient.Answer created = erp.sendJson("POST", "/api/events", appointment,
                Map.of("Idempotency-Key", "erp-9001-create")).expect(201);
        String id = created.json().get("id").asText();
        String graphId = created.json().get("graphId").asText();
        String etag = created.header("ETag").orElseThrow();
        // a retry over the other instance answers the same appointment
        assertThat(stack.importWriter(1).sendJson("POST", "/api/events", appointment,
                Map.of("Idempotency-Key", "erp-9001-create")).expect(200).json().get("id").asText()).isEqualTo(id);
        JsonNode before = erp.get("/api/events?mailbox=" + ACCOUNT).expect(200).json();
        assertThat(ids(before)).containsExactly(id);
        String cursor = before.get("nextCursor").asText();

        outlook("PATCH", "/mailboxes/" + UPN + "/events/" + graphId, "{\"subject\":\"Service visit (moved)\","
                + "\"start\":{\"dateTime\":\"" + DAY + "T12:00:00\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + DAY + "T13:00:00\",\"timeZone\":\"UTC\"}}");
        JsonNode run = BridgeSetup.awaitRun(stack.importAdmin(0),
                BridgeSetup.startImport(stack.importAdmin(0), ACCOUNT), Duration.ofMinutes(2));

        assertThat(run.path("mailboxes").path(0).path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode changes = stack.importWriter(1).get("/api/events?mailbox=" + ACCOUNT + "&cursor=" + cursor
                + "&timeZone=Europe/Berlin").expect(200).json();
        assertThat(ids(changes)).as("the Outlook change, once").containsExactly(id);
        JsonNode changed = changes.get("items").get(0);
        assertThat(changed.get("subject").asText()).isEqualTo("Service visit (moved)");
        assertThat(changed.get("start").get("dateTime").asText()).isEqualTo(DAY + "T13:00:00");
        assertThat(changed.get("clientId").asText()).isEqualTo("ERP-9001");

        ApiClient.Answer stale = erp.sendJson("PATCH", "/api/events/" + id,
                Map.of("subject", "Service visit, 2 engineers"), Map.of("If-Match", etag)).expect(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        JsonNode problem = stale.json();
        assertThat(problem.get("yours").get("subject").asText()).isEqualTo("Service visit, 2 engineers");
        assertThat(problem.get("current").get("subject").asText()).isEqualTo("Service visit (moved)");
        assertThat(problem.get("current").get("start").get("dateTime").asText()).isEqualTo(DAY + "T12:00:00");
        JsonNode inOutlook = outlook("GET", "/mailboxes/" + UPN + "/events", null);
        assertThat(inOutlook.findValuesAsText("subject")).containsExactly("Service visit (moved)");
        assertThat(ids(erp.get("/api/events?mailbox=" + ACCOUNT + "&cursor=" + changes.get("nextCursor").asText())
                .expect(200).json())).as("a refused PATCH is no change").isEmpty();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsText("id");
    }

    /** A call of the simulator's calendar admin HTTP, as a script changing the mailbox in Outlook would make it. */
    private static JsonNode outlook(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/_sim/calendar" + path))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        try {
            HttpResponse<String> answer = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isBetween(200, 299);
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
