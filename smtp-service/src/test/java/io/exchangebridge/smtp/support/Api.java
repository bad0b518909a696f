package io.exchangebridge.smtp.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.exchangebridge.simulator.smtp.SmtpSubmission;
import io.restassured.specification.RequestSpecification;

/** Small helpers for tests: authenticated requests, routes, waiting for a message to arrive or settle. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "test-admin-password");
    }

    public static RequestSpecification sender() {
        return given().auth().preemptive().basic("app", "test-sender-password");
    }

    /** Creates a route unless one exists for the sender. */
    public static void route(String sender, String mailbox) {
        route(sender, mailbox, RelayTestResource.CREDENTIAL);
    }

    /** Creates a route with its own credential id unless one exists for the sender. */
    public static void route(String sender, String mailbox, String credentialId) {
        route(sender, mailbox, credentialId, "SMTP");
    }

    /** Creates a route with a credential id and transport unless one exists for the sender. */
    public static void route(String sender, String mailbox, String credentialId, String transport) {
        int status = admin().contentType("application/json")
                .body(Map.of("sender", sender, "credentialId", credentialId, "mailbox", mailbox,
                        "transport", transport))
                .post("/api/routes").statusCode();
        if (status != 201 && status != 409) {
            throw new AssertionError("route creation answered " + status);
        }
    }

    /** Waits until the simulator received the message with this Message-ID. */
    public static SmtpSubmission awaitArrival(String messageId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> RelayTestResource.sim().smtp().outbox().all()
                .stream().filter(s -> messageId.equals(s.messageId())).findFirst().orElse(null),
                s -> s != null);
    }

    /** Number of messages with this Message-ID the simulator received. */
    public static long arrivals(String messageId) {
        return RelayTestResource.sim().smtp().outbox().all().stream().filter(s -> messageId.equals(s.messageId()))
                .count();
    }

    /** Waits until the message has the status and answers its status document. */
    public static io.restassured.path.json.JsonPath awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> sender().get("/api/messages/" + id).then().statusCode(200).extract().jsonPath(),
                json -> status.equals(json.getString("status")));
    }
}
