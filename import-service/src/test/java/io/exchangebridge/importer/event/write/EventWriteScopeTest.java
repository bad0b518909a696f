package io.exchangebridge.importer.event.write;

import static io.exchangebridge.importer.event.write.EventWriteResourceTest.calendarAccount;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.create;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.event;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.patch;
import static io.exchangebridge.importer.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A writer scoped by {@code importer.readers} writes to its accounts only: another account is answered exactly as a
 * missing one, and another account's events as missing events, with nothing changed in Exchange.
 */
@QuarkusTest
@TestProfile(EventWriteScopeTest.Scoped.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class EventWriteScopeTest {

    /** The user {@code writer} may write to the account {@code ws-own} only. */
    public static class Scoped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("importer.readers.writer.mailboxes", "ws-own");
        }
    }

    @Test
    void aScopedWriterWritesToItsAccountsOnly() {
        EventWriteResourceTest.calendarApp();
        calendarAccount("ws-own");
        String other = calendarAccount("ws-other");
        create(event("ws-own", "Mine"), "scope-1").then().statusCode(201);

        String missing = create(event("ws-none", "x"), "scope-2").then().statusCode(404).extract().path("detail");
        create(event("ws-other", "Theirs"), "scope-3").then().statusCode(404)
                .body("detail", equalTo(missing.replace("ws-none", "ws-other")));

        String graphId = SimulatorResource.sim().calendar().mailbox(other).create(null, "{\"subject\":\"Theirs\","
                + "\"start\":{\"dateTime\":\"" + EventWriteResourceTest.DAY + "T09:00:00\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + EventWriteResourceTest.DAY + "T10:00:00\",\"timeZone\":\"UTC\"}}")
                .id();
        Api.run("ws-other");
        String theirs = as("reader").queryParam("mailbox", "ws-other").get("/api/events").jsonPath()
                .getString("items[0].id");
        String etag = "\"" + SimulatorResource.sim().calendar().mailbox(other).event(graphId).orElseThrow()
                .changeKey() + "\"";

        patch(theirs, etag, Map.of("subject", "Hijacked")).then().statusCode(404)
                .body("errorCode", equalTo("EVENT_NOT_FOUND"));
        as("writer").contentType("application/json").body(Map.of("comment", "x"))
                .post("/api/events/" + theirs + "/cancel").then().statusCode(404);
        as("writer").delete("/api/events/" + theirs).then().statusCode(404);
        assertThat(SimulatorResource.sim().calendar().mailbox(other).event(graphId)).hasValueSatisfying(
                e -> assertThat(e.subject()).isEqualTo("Theirs"));
    }
}
