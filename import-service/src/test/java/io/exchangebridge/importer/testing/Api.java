package io.exchangebridge.importer.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** REST helpers for tests: users per role, mailbox accounts, runs awaited to the end. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-pass");
    }

    public static void createMailbox(Map<String, Object> body) {
        as("admin").contentType("application/json").body(body).post("/api/mailboxes").then().statusCode(201);
    }

    /** Starts a run of one mailbox and waits until it finished; the mailbox's result. */
    public static JsonPath run(String mailboxId) {
        String runId = as("trigger").post("/api/mailboxes/" + mailboxId + "/imports").then().statusCode(202).extract()
                .path("runId");
        return awaitRun(runId).setRootPath("mailboxes[0]");
    }

    public static JsonPath awaitRun(String runId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> "FINISHED".equals(as("reader").get("/api/imports/" + runId).path("status")));
        return as("reader").get("/api/imports/" + runId).then().statusCode(200).extract().jsonPath();
    }
}
