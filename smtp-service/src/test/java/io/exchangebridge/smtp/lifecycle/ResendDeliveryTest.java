package io.exchangebridge.smtp.lifecycle;

import static io.exchangebridge.smtp.support.Api.arrivals;
import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A message that failed for good (Send As missing) is resent once the administrator fixed the cause: the workers
 * deliver it, and Exchange receives it once, with the Message-ID of the first attempt.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class ResendDeliveryTest {

    static final String T = RelayTestResource.TENANT;

    @Test
    void aFailedMessageResentAfterTheFixReachesExchangeOnceWithItsMessageId() {
        RelayTestResource.sim().tenant(T).user("resend-box@" + T);
        RelayTestResource.sim().tenant(T).user("resend-boss@" + T);
        route("resend-boss@" + T, "resend-box@" + T);
        JsonPath accepted = sender().contentType("application/json")
                .body(Map.of("from", "resend-boss@" + T, "to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages").then().statusCode(202).extract().jsonPath();
        String id = accepted.getString("id");
        String messageId = accepted.getString("messageId");
        JsonPath failed = awaitStatus(id, "FAILED");
        assertTrue(failed.getString("lastReply").startsWith("554 5.2.252"), failed.prettify());

        RelayTestResource.sim().tenant(T).user("resend-boss@" + T).grantSendAs("resend-box@" + T);
        JsonPath resent = sender().post("/api/messages/" + id + "/resend").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(messageId, resent.getString("messageId"));
        JsonPath sent = awaitStatus(id, "SENT");
        assertEquals(2, sent.getInt("attempts"), "the resend is the second attempt");
        awaitArrival(messageId);
        assertEquals(1, arrivals(messageId), "Exchange got it once, with the first attempt's Message-ID");
    }
}
