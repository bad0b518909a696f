package io.exchangebridge.smtp.submit;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** A message's status is the submitter's (and an admin's) only; each REST user sends only as its allowed senders. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class MessageAccessTest {

    static final String T = RelayTestResource.TENANT;

    private static RequestSpecification other() {
        return given().auth().preemptive().basic("other", "test-other-password");
    }

    private static Map<String, Object> message(String from) {
        return Map.of("from", from, "to", List.of("carol@example.com"), "text", "access");
    }

    @Test
    void onlyTheSubmitterAndAdminsSeeAMessage() {
        route("alice@" + T, "alice@" + T);
        String id = sender().contentType("application/json").body(message("alice@" + T)).post("/api/messages")
                .then().statusCode(202).extract().path("id");

        sender().get("/api/messages/" + id).then().statusCode(200).body("id", equalTo(id));
        admin().get("/api/messages/" + id).then().statusCode(200).body("id", equalTo(id));
        other().get("/api/messages/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No message " + id + "."));
    }

    @Test
    void senderOutsideTheUsersAllowedSendersIs403EvenWithARoute() {
        route("fabrikam.example", "alice@" + T);
        other().contentType("application/json").body(message("bob@fabrikam.example")).post("/api/messages").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("User 'other' may not send as 'bob@fabrikam.example': an administrator adds"
                        + " the address or its domain to relay.api-senders.other.allowed-senders."));
        other().contentType("message/rfc822")
                .body("From: bob@fabrikam.example\r\nTo: carol@example.com\r\n\r\nraw\r\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/messages").then().statusCode(403)
                .body("detail", containsString("relay.api-senders.other.allowed-senders"));
        // app may send as the domain: the same message is accepted
        sender().contentType("application/json").body(message("bob@fabrikam.example")).post("/api/messages").then()
                .statusCode(202);
    }
}
