package io.exchangebridge.importer.scope;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.awaitRun;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.exchangebridge.importer.testing.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.calendar.GraphEvent;
import io.exchangebridge.importer.event.EventStore;
import io.exchangebridge.importer.event.EventView;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Readers scoped by {@code importer.readers}: a reader limited to one account reads it and gets, for every other
 * account, exactly the 404 of a missing one, and filtered lists; a glob; an admin listed there is not limited; a
 * principal without entry reads everything (the default); a scoped trigger starts runs of its accounts only.
 */
@QuarkusTest
@TestProfile(ScopedReadersTest.Scoped.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ScopedReadersTest {

    /** Users {@code one-reader} (scope-a), {@code team-reader} (team-*), {@code team-trigger} and a listed admin. */
    public static class Scoped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            // HEX(SHA-512("<name>:Quarkus:<name>-pass")), as the users in application.properties.
            user(config, "one-reader", "reader",
                    "66793a04dbf7a2f4a0ddedff9e55307e377e2fd53e911d74250a79401cc1b5f19c07a329e73264d61f1fc96e3d227b8e9a37a8cbf594e1fca6f1a726d9df858b");
            user(config, "team-reader", "reader",
                    "329ccde55b81feb6a4db5a56ed14f7bb85b9c5d28bc64c9fea15667952ab6bc9041ed78fe206c091678818951a3f53772b58fb6ed8f19ad8bd595e1115104405");
            user(config, "team-trigger", "trigger",
                    "b3b262cac7b6a1254e1cf0f52c39313eb0bbe01338272ca8be4a0cceba83487ad959bddc36263c2d1aa6903be7b25857962aaa7a4058066258b8d66d4987cbf8");
            config.put("importer.readers.one-reader.mailboxes", "scope-a");
            config.put("importer.readers.team-reader.mailboxes", "team-?,nothing-*");
            config.put("importer.readers.team-trigger.mailboxes", "team-*");
            config.put("importer.readers.admin.mailboxes", "scope-a");
            return config;
        }

        private static void user(Map<String, String> config, String name, String role, String digest) {
            config.put("quarkus.security.users.embedded.users." + name, digest);
            config.put("quarkus.security.users.embedded.roles." + name, role);
        }
    }

    private static final List<Long> ofB = new ArrayList<>();
    private static String runOfB;

    /** Four accounts with two imported messages each (scope-a, scope-b imported); once, before the first test. */
    @BeforeEach
    void accounts() {
        if (runOfB != null) {
            return;
        }
        for (String id : List.of("scope-a", "scope-b", "team-x", "team-y")) {
            String upn = id + "@contoso.onmicrosoft.com";
            SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
            MailboxStore box = SimulatorResource.sim().mail().mailbox(upn);
            TestMail.plain(id, 0, 2).forEach(box::deliver);
            createMailbox(Map.of("id", id, "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                    "afterImport", "NONE"));
        }
        assertThat(run("scope-a").getInt("imported")).isEqualTo(2);
        String run = as("trigger").post("/api/mailboxes/scope-b/imports").then().statusCode(202).extract()
                .path("runId");
        assertThat(awaitRun(run).getInt("mailboxes[0].imported")).isEqualTo(2);
        ofB.addAll(as("reader").queryParam("mailbox", "scope-b").get("/api/messages").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class));
        assertThat(ofB).hasSize(2);
        runOfB = run;
    }

    @Test
    void aReaderLimitedToOneAccountReadsItAndNoOther() {
        as("one-reader").get("/api/mailboxes").then().statusCode(200).body("id", equalTo(List.of("scope-a")));
        as("one-reader").get("/api/mailboxes/scope-a").then().statusCode(200)
                .body("mailbox", equalTo("scope-a@contoso.onmicrosoft.com"));

        // Another account answers exactly what a missing one does: the same problem, only the id differs.
        Response other = as("one-reader").get("/api/mailboxes/scope-b");
        Response missing = as("admin").get("/api/mailboxes/no-such-box");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.contentType()).contains("application/problem+json");
        assertThat(untraced(other).replace("scope-b", "X"))
                .isEqualTo(untraced(missing).replace("no-such-box", "X"));
        as("one-reader").get("/api/mailboxes/no-such-box").then().statusCode(404);

        JsonPath messages = as("one-reader").get("/api/messages").then().statusCode(200).extract().jsonPath();
        assertThat(messages.getList("items.mailboxId", String.class)).hasSize(2).containsOnly("scope-a");
        as("one-reader").queryParam("mailbox", "scope-b").get("/api/messages").then().statusCode(200)
                .body("items.size()", equalTo(0));
        // Keyset pages of the filtered query are full: two pages of one, then none.
        String cursor = as("one-reader").queryParam("limit", 1).get("/api/messages").then().statusCode(200)
                .body("items.size()", equalTo(1)).extract().path("nextCursor");
        as("one-reader").queryParam("limit", 1).queryParam("cursor", cursor).get("/api/messages").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("items[0].mailboxId", equalTo("scope-a"));

        long b = ofB.get(0);
        for (String path : List.of("", "/raw", "/attachments/0")) {
            as("one-reader").get("/api/messages/" + b + path).then().statusCode(404)
                    .body("detail", equalTo("No message " + b + "."));
        }
        as("one-reader").post("/api/messages/" + b + "/ack").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        as("reader").get("/api/messages/" + b).then().statusCode(200).body("status", equalTo("NEW"));

        // A run of another account: visible, but without that account's result.
        as("one-reader").get("/api/imports/" + runOfB).then().statusCode(200).body("mailboxes.size()", equalTo(0));
        as("reader").get("/api/imports/" + runOfB).then().statusCode(200)
                .body("mailboxes[0].mailboxId", equalTo("scope-b"));
        as("one-reader").queryParam("limit", 200).get("/api/imports").then().statusCode(200)
                .body("items.mailboxes.flatten().mailboxId", hasItems("scope-a"))
                .body("items.mailboxes.flatten().findAll { it.mailboxId != 'scope-a' }.size()", equalTo(0));
    }

    @Test
    void aGlobCoversTheAccountsItMatches() {
        as("team-reader").get("/api/mailboxes").then().statusCode(200).body("id", equalTo(List.of("team-x", "team-y")));
        as("team-reader").get("/api/mailboxes/team-y").then().statusCode(200);
        as("team-reader").get("/api/mailboxes/scope-a").then().statusCode(404);
        as("team-reader").get("/api/messages/" + ofB.get(1)).then().statusCode(404);
        as("team-reader").get("/api/messages").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aScopedTriggerStartsRunsOfItsAccountsOnly() {
        as("team-trigger").post("/api/mailboxes/scope-b/imports").then().statusCode(404)
                .body("detail", equalTo("No mailbox account 'scope-b'."));
        as("team-trigger").post("/api/imports").then().statusCode(202)
                .body("mailboxes", equalTo(List.of("team-x", "team-y")));
    }

    @Test
    void adminsAndUnlistedReadersAreNotLimited() {
        // admin has an entry (scope-a) and still reads everything: admins are never scoped.
        as("admin").get("/api/mailboxes").then().statusCode(200)
                .body("id", hasItems("scope-a", "scope-b", "team-x", "team-y"));
        as("admin").get("/api/mailboxes/scope-b").then().statusCode(200);
        // reader has no entry: importer.unlisted-readers=all (the default).
        as("reader").get("/api/mailboxes").then().statusCode(200).body("id", hasItems("scope-a", "scope-b"));
        as("reader").get("/api/messages/" + ofB.get(0)).then().statusCode(200);
    }

    @Inject
    EventStore events;

    @Inject
    ObjectMapper json;

    @Test
    void aReaderLimitedToOneAccountSeesOnlyItsEvents() throws Exception {
        String graphEvent = """
                {"id":"%s","subject":"Scoped","start":{"dateTime":"2026-12-03T09:00:00","timeZone":"UTC"},
                 "end":{"dateTime":"2026-12-03T10:00:00","timeZone":"UTC"},"changeKey":"ck"}""";
        EventView a = events.apply("scope-a", json.readValue(graphEvent.formatted("evt-a"), GraphEvent.class), null);
        EventView b = events.apply("scope-b", json.readValue(graphEvent.formatted("evt-b"), GraphEvent.class), null);

        as("one-reader").queryParam("cursor", 0).queryParam("limit", 1000).get("/api/events").then().statusCode(200)
                .body("items.mailbox", everyItem(equalTo("scope-a"))).body("items.graphId", hasItems("evt-a"));
        as("one-reader").queryParam("mailbox", "scope-b").get("/api/events").then().statusCode(200)
                .body("items.size()", equalTo(0));
        as("one-reader").get("/api/events/" + a.id()).then().statusCode(200).header("ETag", "\"ck\"");
        Response other = as("one-reader").get("/api/events/" + b.id());
        Response missing = as("reader").get("/api/events/00000000-0000-4000-8000-000000000000");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(untraced(other).replace(b.id(), "X"))
                .isEqualTo(untraced(missing).replace("00000000-0000-4000-8000-000000000000", "X"));
        as("reader").get("/api/events/" + b.id()).then().statusCode(200).body("mailbox", equalTo("scope-b"));
    }

    /** The problem's body without its {@code traceId}, which names each request's own trace. */
    private static String untraced(Response problem) {
        return problem.asString().replaceAll(",\"traceId\":\"[0-9a-f]{32}\"", "");
    }
}
