package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static io.exchangebridge.simulator.graph.SimulatorGraph.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;

/**
 * The calendar on the whole simulator: the {@code /_sim/calendar} admin API, and the directory's rules with real tokens
 * (application access policies, {@code .Shared} for delegates).
 */
@TestInstance(Lifecycle.PER_CLASS)
class CalendarOnSimulatorTest {

    private static final String MEETING = """
            {"subject": "Review", "start": {"dateTime": "2026-12-03T14:00:00", "timeZone": "UTC"},
             "end": {"dateTime": "2026-12-03T15:00:00", "timeZone": "UTC"},
             "attendees": [{"emailAddress": {"address": "%s"}}]}""".formatted(BOB);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatorGraph graph;
    private String admin;

    @BeforeAll
    void start() {
        graph = new SimulatorGraph();
        graph.importer.applicationRoles(Resources.GRAPH, "Calendars.ReadWrite");
        admin = graph.sim.httpBaseUrl() + "/_sim/calendar";
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    @BeforeEach
    void clean() {
        graph.sim.calendar().reset();
    }

    private HttpResponse<String> send(String method, String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    private HttpResponse<String> graphGet(String path, String token) {
        return send("GET", graph.sim.httpBaseUrl() + "/v1.0" + path, null, "Authorization", "Bearer " + token);
    }

    @Test
    void adminApiSeedsChangesInspectsAndResets() throws IOException {
        String mailbox = admin + "/mailboxes/" + ALICE;
        HttpResponse<String> calendar = send("POST", mailbox + "/calendars", "{\"name\": \"Projects\"}");
        assertThat(calendar.statusCode()).isEqualTo(201);
        String projects = body(calendar).get("id").asText();

        HttpResponse<String> created = send("POST", mailbox + "/events?calendar=" + projects, MEETING);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode event = body(created);
        String id = event.get("id").asText();
        assertThat(graph.sim.calendar().mailbox(ALICE).event(id).orElseThrow().calendarId()).isEqualTo(projects);

        HttpResponse<String> patched = send("PATCH", mailbox + "/events/" + id, "{\"subject\": \"Review v2\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(body(patched).get("changeKey").asText()).isNotEqualTo(event.get("changeKey").asText());
        assertThat(body(send("GET", mailbox + "/events", null))).extracting(e -> e.get("subject").asText())
                .containsExactly("Review v2");
        assertThat(body(send("GET", admin + "/mailboxes/" + BOB + "/meeting-messages", null)))
                .extracting(m -> m.get("kind").asText()).containsExactly("request", "update");
        String bobsCopy = graph.sim.calendar().mailbox(BOB).events().get(0).id();
        HttpResponse<String> answered = send("POST", admin + "/mailboxes/" + BOB + "/events/" + bobsCopy
                + "/respond", "{\"response\": \"declined\"}");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(body(answered).at("/responseStatus/response").asText()).isEqualTo("declined");
        assertThat(graph.sim.calendar().mailbox(ALICE).event(id).orElseThrow().content().at(
                "/attendees/0/status/response").asText()).isEqualTo("declined");

        String token = graph.appToken();
        JsonNode round = body(graphGet("/users/" + ALICE + "/calendars/" + projects + "/calendarView/delta"
                + "?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z", token));
        assertThat(send("POST", mailbox + "/sync-state/expire", null).statusCode()).isEqualTo(204);
        String deltaLink = round.get("@odata.deltaLink").asText();
        assertThat(deltaLink).startsWith(graph.sim.httpBaseUrl() + "/v1.0/");
        assertThat(send("GET", deltaLink, null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(410);

        HttpResponse<String> unknown = send("PATCH", mailbox + "/events/AAMkADunknownunknownunknown", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).get("error").asText()).isEqualTo("ErrorItemNotFound");
        assertThat(send("DELETE", mailbox + "/events/" + id, null).statusCode()).isEqualTo(204);
        send("POST", mailbox + "/events", MEETING);
        assertThat(send("POST", admin + "/reset", null).statusCode()).isEqualTo(204);
        assertThat(graph.sim.calendar().mailbox(ALICE).events()).isEmpty();
    }

    @Test
    void anApplicationAccessPolicyCoversTheCalendarAsItCoversMail() {
        AppRegistration restricted = graph.contoso.app("11111111-aaaa-bbbb-cccc-000000000017")
                .applicationRoles(Resources.GRAPH, "Calendars.Read").restrictToMailboxes(ALICE);
        String token = graph.sim.tokens().applicationToken(restricted, Resources.GRAPH);
        assertThat(graphGet("/users/" + ALICE + "/calendar", token).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = graphGet("/users/" + BOB + "/calendar", token);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("ErrorAccessDenied");
    }

    @Test
    void aDelegateNeedsTheSharedPermissionOnAnotherCalendar() {
        String plain = graph.sim.tokens().delegatedToken(graph.importer, graph.contoso.findUser(ALICE)
                .orElseThrow(), Resources.GRAPH, "Calendars.ReadWrite");
        String shared = graph.sim.tokens().delegatedToken(graph.importer, graph.contoso.findUser(ALICE)
                .orElseThrow(), Resources.GRAPH, "Calendars.Read.Shared");
        assertThat(graphGet("/me/events", plain).statusCode()).isEqualTo(200);
        assertThat(graphGet("/users/" + SHARED + "/events", plain).statusCode()).isEqualTo(403);
        assertThat(graphGet("/users/" + SHARED + "/events", shared).statusCode()).isEqualTo(200);
        // Bob granted Alice nothing
        assertThat(graphGet("/users/" + BOB + "/events", shared).statusCode()).isEqualTo(403);
    }
}
