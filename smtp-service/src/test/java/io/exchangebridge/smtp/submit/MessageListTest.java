package io.exchangebridge.smtp.submit;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * {@code GET /api/messages}: the outbox newest first, filtered and keyset-paged, without bodies; a sender sees only
 * what it submitted, an admin everything. Each test tags its messages' subjects so that others' mail is left out.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class MessageListTest {

    static final String T = RelayTestResource.TENANT;

    private static final List<String> FIELDS = List.of("id", "status", "sender", "recipients", "subject", "createdAt",
            "sentAt", "attempts", "nextAttemptAt", "upstreamReply", "explanation", "transport", "messageId",
            "idempotencyKey");

    private String tag;

    private static RequestSpecification other() {
        return given().auth().preemptive().basic("other", "test-other-password");
    }

    @BeforeEach
    void routes() {
        route(T, "alice@" + T);
        route("ceo@" + T, "alice@" + T);
        tag = "tag" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String submit(RequestSpecification as, String from, String to, String subject, String key) {
        RequestSpecification request = as.contentType("application/json");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(Map.of("from", from, "to", List.of(to), "subject", subject, "text", "secret body " + to))
                .post("/api/messages").then().statusCode(202).extract().path("id");
    }

    private static JsonPath list(RequestSpecification as, Map<String, ?> params) {
        return as.queryParams(params).get("/api/messages").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id");
    }

    @Test
    void sendersSeeOnlyTheirOwnAndAdminsSeeAllNewestFirst() {
        String one = submit(sender(), "alice@" + T, "carol@example.com", "List " + tag + " one", null);
        String two = submit(sender(), "alice@" + T, "dave@example.com", "List " + tag + " two", null);
        String theirs = submit(other(), "bob@" + T, "erin@example.com", "List " + tag + " other", null);

        assertThat(ids(list(sender(), Map.of("subject", tag)))).containsExactly(two, one);
        assertThat(ids(list(other(), Map.of("subject", tag)))).containsExactly(theirs);
        assertThat(ids(list(admin(), Map.of("subject", tag)))).containsExactly(theirs, two, one);
        // a sender learns nothing of another's mail, whatever it asks for
        assertThat(ids(list(sender(), Map.of("sender", "bob@" + T, "subject", tag)))).isEmpty();
        assertThat(ids(list(sender(), Map.of("recipient", "erin@example.com", "subject", tag)))).isEmpty();
        assertThat(ids(list(sender(), Map.of("limit", 500)))).doesNotContain(theirs).contains(one, two);
        given().get("/api/messages").then().statusCode(401);
    }

    @Test
    void aListedMessageHasItsStateButNeverItsBody() {
        String key = "list-" + UUID.randomUUID();
        String id = submit(sender(), "alice@" + T, "carol@example.com", "List " + tag + " fields", key);
        JsonPath status = awaitStatus(id, "SENT");

        JsonPath page = list(sender(), Map.of("subject", tag));
        assertThat(page.getString("nextCursor")).isNull();
        Map<String, Object> item = page.getMap("items[0]");
        assertThat(item).containsOnlyKeys(FIELDS.toArray(String[]::new));
        assertThat(item).containsEntry("id", id).containsEntry("status", "SENT").containsEntry("sender", "alice@" + T)
                .containsEntry("recipients", List.of("carol@example.com"))
                .containsEntry("subject", "List " + tag + " fields").containsEntry("attempts", 1)
                .containsEntry("transport", "SMTP").containsEntry("messageId", status.getString("messageId"))
                .containsEntry("idempotencyKey", key).containsEntry("nextAttemptAt", null)
                .containsEntry("explanation", null);
        assertThat((String) item.get("upstreamReply")).startsWith("250");
        assertThat(Instant.parse((String) item.get("sentAt"))).isAfterOrEqualTo(
                Instant.parse((String) item.get("createdAt")));
        assertThat(page.prettify()).doesNotContain("secret body");
    }

    @Test
    void aFailureIsListedWithExchangesReplyAndItsExplanation() {
        String id = submit(sender(), "ceo@" + T, "carol@example.com", "List " + tag + " denied", null);
        awaitStatus(id, "FAILED");
        Map<String, Object> item = list(sender(), Map.of("subject", tag, "status", "FAILED")).getMap("items[0]");
        assertThat(item).containsEntry("id", id).containsEntry("status", "FAILED").containsEntry("sentAt", null);
        assertThat((String) item.get("upstreamReply")).startsWith("554 5.2.252");
        assertThat((String) item.get("explanation")).contains("Grant Send As");
        assertThat(ids(list(sender(), Map.of("subject", tag, "status", "SENT")))).isEmpty();
        assertThat(ids(list(sender(), Map.of("subject", tag, "status", "sent,failed")))).containsExactly(id);
    }

    @Test
    void filtersNarrowTheList() {
        Instant before = Instant.now().minusSeconds(1);
        String key = "filter-" + UUID.randomUUID();
        String toCarol = submit(sender(), "alice@" + T, "Carol." + tag + "@Example.com", "Invoice " + tag + " März",
                key);
        String toDave = submit(sender(), "info@" + T, "dave." + tag + "@example.com", "Reminder " + tag, null);
        String raw = "From: alice@" + T + "\r\nTo: frank." + tag + "@example.com\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_" + tag + "?=\r\n\r\nraw body\r\n";
        String rawId = sender().contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .post("/api/messages").then().statusCode(202).extract().path("id");

        assertThat(ids(list(sender(), Map.of("subject", tag)))).containsExactly(rawId, toDave, toCarol);
        assertThat(ids(list(sender(), Map.of("subject", "INVOICE " + tag.toUpperCase() + " mär"))))
                .containsExactly(toCarol);
        assertThat(list(sender(), Map.of("subject", "grüße " + tag)).getString("items[0].subject"))
                .isEqualTo("Grüße " + tag);
        assertThat(ids(list(sender(), Map.of("subject", tag, "recipient", "carol." + tag)))).containsExactly(toCarol);
        assertThat(ids(list(sender(), Map.of("subject", tag, "sender", "INFO@" + T)))).containsExactly(toDave);
        assertThat(ids(list(sender(), Map.of("idempotencyKey", key)))).containsExactly(toCarol);
        assertThat(ids(list(sender(), Map.of("subject", tag, "from", before.toString(), "to",
                Instant.now().plusSeconds(60).toString())))).hasSize(3);
        assertThat(ids(list(sender(), Map.of("subject", tag, "from", Instant.now().plusSeconds(60).toString()))))
                .isEmpty();
        assertThat(ids(list(sender(), Map.of("subject", tag, "to", before.toString())))).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(0, submit(sender(), "alice@" + T, "carol@example.com", "Page " + tag + " " + i, null));
        }
        List<String> seen = new ArrayList<>();
        Map<String, Object> params = new HashMap<>(Map.of("subject", tag, "limit", 2));
        int pages = 0;
        String cursor;
        do {
            JsonPath page = list(sender(), params);
            seen.addAll(ids(page));
            pages++;
            cursor = page.getString("nextCursor");
            params.put("cursor", cursor);
            if (cursor != null) {
                assertThat(ids(page)).hasSize(2);
            }
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(submitted);
    }

    @Test
    void badParametersAreNamed() {
        for (Map<String, ?> bad : List.of(Map.of("limit", 0), Map.of("limit", 501), Map.of("limit", "ten"),
                Map.of("from", "yesterday"), Map.of("to", "2026-13-01"), Map.of("status", "LOST"),
                Map.of("status", "SENT,"), Map.of("cursor", "not-a-cursor"), Map.of("cursor", "bm90LWEtY3Vyc29y"))) {
            String name = bad.keySet().iterator().next();
            sender().queryParams(bad).get("/api/messages").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("'" + name + "'"));
        }
    }
}
