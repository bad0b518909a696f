package io.exchangebridge.smtp.pacing;

import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With at most 3 messages per minute per mailbox, the 4th and 5th wait in the queue for a free slot. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(PacingTest.ThreePerMinute.class)
class PacingTest {

    static final String T = RelayTestResource.TENANT;

    /** A low limit, so the test needs no minute of waiting. */
    public static class ThreePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.pacing.messages-per-minute", "3");
        }
    }

    @Test
    void mailboxGetsNoMoreThanTheLimitPerMinute() {
        RelayTestResource.sim().tenant(T).user("ivan@" + T);
        route("ivan@" + T, "ivan@" + T);
        List<String> ids = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < 5; i++) {
            ids.add(sender().contentType("application/json")
                    .body(Map.of("from", "ivan@" + T, "to", List.of("carol@example.com"), "text", "p" + i))
                    .post("/api/messages").then().statusCode(202).extract().path("id"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(ids).stream()
                .filter(s -> "SENT".equals(s.getString("status"))).count() == 3
                && statuses(ids).stream().filter(s -> "QUEUED".equals(s.getString("status"))).count() == 2);

        assertEquals(3, RelayTestResource.sim().smtp().outbox().messages("ivan@" + T).size());
        for (JsonPath waiting : statuses(ids)) {
            if ("QUEUED".equals(waiting.getString("status"))) {
                assertEquals(0, waiting.getInt("attempts"));
                Instant next = Instant.parse(waiting.getString("nextAttemptAt"));
                assertTrue(next.isAfter(start.plusSeconds(50)), "waits for the minute window, until " + next);
            }
        }
    }

    private static List<JsonPath> statuses(List<String> ids) {
        return ids.stream().map(id -> sender().get("/api/messages/" + id).then().statusCode(200).extract().jsonPath())
                .toList();
    }
}
