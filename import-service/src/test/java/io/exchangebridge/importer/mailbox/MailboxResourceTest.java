package io.exchangebridge.importer.mailbox;

import static io.exchangebridge.importer.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.FakeCredentialService;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Mailbox accounts: defaults, validation naming the field, 409, 404, credential check, roles. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class MailboxResourceTest {

    @Test
    void createReadUpdateDeleteWithDefaults() {
        as("admin").contentType("application/json")
                .body(Map.of("id", "crud-1", "mailbox", "crud@contoso.onmicrosoft.com", "credentialId",
                        SimulatorResource.CREDENTIAL))
                .post("/api/mailboxes").then().statusCode(201)
                .header("Location", containsString("/api/mailboxes/crud-1"))
                .body("folder", equalTo("inbox")).body("afterImport", equalTo("MOVE"))
                .body("moveToFolder", equalTo("Imported")).body("onlyUnread", equalTo(false))
                .body("maxMessageBytes", equalTo(36700160)).body("enabled", equalTo(true))
                .body("credential.status", equalTo("READY"));
        as("reader").get("/api/mailboxes/crud-1").then().statusCode(200)
                .body("mailbox", equalTo("crud@contoso.onmicrosoft.com")).body("credential", nullValue());
        as("reader").get("/api/mailboxes").then().statusCode(200).body("id", hasItem("crud-1"));
        as("admin").contentType("application/json")
                .body(Map.of("mailbox", "crud@contoso.onmicrosoft.com", "credentialId", SimulatorResource.CREDENTIAL,
                        "folder", "Inbox/Support", "afterImport", "MARK_READ", "maxMessageBytes", 1000,
                        "enabled", false))
                .put("/api/mailboxes/crud-1").then().statusCode(200)
                .body("folder", equalTo("Inbox/Support")).body("afterImport", equalTo("MARK_READ"))
                .body("moveToFolder", nullValue()).body("enabled", equalTo(false));
        as("admin").delete("/api/mailboxes/crud-1").then().statusCode(204);
        as("reader").get("/api/mailboxes/crud-1").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        as("admin").delete("/api/mailboxes/crud-1").then().statusCode(404);
    }

    @Test
    void validationNamesTheField() {
        post(Map.of("credentialId", "x")).then().statusCode(400).body("detail", containsString("'mailbox'"));
        post(Map.of("mailbox", "not-an-address", "credentialId", "x")).then().statusCode(400)
                .body("detail", containsString("'mailbox'"));
        post(Map.of("mailbox", "v@contoso.onmicrosoft.com")).then().statusCode(400)
                .body("detail", containsString("'credentialId'"));
        post(Map.of("mailbox", "v@contoso.onmicrosoft.com", "credentialId", SimulatorResource.CREDENTIAL,
                "afterImport", "SHRED")).then().statusCode(400).body("detail", containsString("'afterImport'"));
        post(Map.of("mailbox", "v@contoso.onmicrosoft.com", "credentialId", SimulatorResource.CREDENTIAL,
                "maxMessageBytes", 0)).then().statusCode(400).body("detail", containsString("'maxMessageBytes'"));
        post(Map.of("mailbox", "v@contoso.onmicrosoft.com", "credentialId", SimulatorResource.CREDENTIAL,
                "folder", "Inbox//x")).then().statusCode(400).body("detail", containsString("'folder'"));
        post(Map.of("id", "bad id!", "mailbox", "v@contoso.onmicrosoft.com", "credentialId",
                SimulatorResource.CREDENTIAL)).then().statusCode(400).body("detail", containsString("'id'"));
        post(Map.of("mailbox", "v@contoso.onmicrosoft.com", "credentialId", "no-such-credential")).then()
                .statusCode(400).body("detail", containsString("'credentialId'"));
    }

    @Test
    void theAnswerNamesTheWrongFieldForTheConsole() {
        Map<String, Object> good = Map.of("mailbox", "f@contoso.onmicrosoft.com", "credentialId",
                SimulatorResource.CREDENTIAL);
        Map<Map<String, Object>, String> wrong = Map.of(
                Map.of("credentialId", SimulatorResource.CREDENTIAL), "mailbox",
                Map.of("mailbox", "f@contoso.onmicrosoft.com", "credentialId", " "), "credentialId",
                with(good, "folder", "/Inbox"), "folder",
                with(good, "moveToFolder", "inbox"), "moveToFolder",
                with(with(good, "afterImport", "NONE"), "moveToFolder", "Done"), "moveToFolder",
                with(good, "oversizeFolder", "Inbox"), "oversizeFolder",
                with(good, "webhookUrl", "ftp://example.com/x"), "webhookUrl",
                with(with(good, "webhookUrl", "https://example.com/x"), "webhookSecret", "short"), "webhookSecret",
                with(good, "credentialId", "no-such-credential"), "credentialId");
        wrong.forEach((body, field) -> post(body).then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo(field))
                .body("detail", containsString("'" + field + "'")));
        post(good).then().statusCode(201);
        as("admin").contentType("application/json").body(with(good, "id", "other"))
                .put("/api/mailboxes/does-not-matter").then().statusCode(400).body("field", equalTo("id"));
    }

    @Test
    void disablingThroughPutTakesTheAccountOutOfImportAll() {
        Map<String, Object> on = Map.of("id", "toggle-on", "mailbox", "toggle-on@contoso.onmicrosoft.com",
                "credentialId", SimulatorResource.CREDENTIAL);
        Map<String, Object> off = Map.of("id", "toggle-off", "mailbox", "toggle-off@contoso.onmicrosoft.com",
                "credentialId", SimulatorResource.CREDENTIAL, "folder", "Inbox/Orders", "afterImport", "MARK_READ");
        post(on).then().statusCode(201);
        post(off).then().statusCode(201).body("enabled", equalTo(true));

        as("admin").contentType("application/json").body(with(off, "enabled", false)).put("/api/mailboxes/toggle-off")
                .then().statusCode(200).body("enabled", equalTo(false)).body("folder", equalTo("Inbox/Orders"))
                .body("afterImport", equalTo("MARK_READ"));
        as("reader").get("/api/mailboxes/toggle-off").then().body("enabled", equalTo(false));
        JsonPath run = as("trigger").post("/api/imports").then().statusCode(202).extract().jsonPath();
        assertThat(run.getList("mailboxes", String.class)).contains("toggle-on").doesNotContain("toggle-off");
        Api.awaitRun(run.getString("runId"));
        // A disabled account can still be imported on purpose.
        Api.awaitRun(as("trigger").post("/api/mailboxes/toggle-off/imports").then().statusCode(202)
                .body("mailboxes", hasItem("toggle-off")).extract().path("runId"));

        as("admin").contentType("application/json").body(with(off, "enabled", true)).put("/api/mailboxes/toggle-off")
                .then().statusCode(200).body("enabled", equalTo(true));
        JsonPath again = as("trigger").post("/api/imports").then().statusCode(202).extract().jsonPath();
        assertThat(again.getList("mailboxes", String.class)).contains("toggle-on", "toggle-off");
        Api.awaitRun(again.getString("runId"));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    @Test
    void duplicatesAreConflicts() {
        post(Map.of("id", "dup-1", "mailbox", "dup@contoso.onmicrosoft.com", "credentialId",
                SimulatorResource.CREDENTIAL)).then().statusCode(201);
        post(Map.of("id", "dup-1", "mailbox", "dup2@contoso.onmicrosoft.com", "credentialId",
                SimulatorResource.CREDENTIAL)).then().statusCode(409);
        post(Map.of("id", "dup-2", "mailbox", "DUP@contoso.onmicrosoft.com", "credentialId",
                SimulatorResource.CREDENTIAL, "folder", "INBOX")).then().statusCode(409)
                .body("detail", containsString("already imported"));
    }

    @Test
    void credentialNotReadyIsSavedWithItsStatus() {
        SimulatorResource.credentials().credential("needs-consent",
                SimulatorResource.sim().tenant(SimulatorResource.TENANT).app(SimulatorResource.CLIENT_ID));
        SimulatorResource.credentials().mode("needs-consent", FakeCredentialService.Mode.CONSENT_REQUIRED);
        post(Map.of("id", "consent-1", "mailbox", "consent@contoso.onmicrosoft.com", "credentialId",
                "needs-consent")).then().statusCode(201)
                .body("credential.status", equalTo("CONSENT_REQUIRED"))
                .body("credential.code", equalTo("AADSTS65001"))
                .body("credential.consentUrl", equalTo("https://broker.example/consent/needs-consent"))
                .body(not(containsString("eyJ")));
    }

    @Test
    void rolesAreEnforced() {
        given().get("/api/mailboxes").then().statusCode(401);
        as("reader").contentType("application/json")
                .body(Map.of("mailbox", "r@contoso.onmicrosoft.com", "credentialId", SimulatorResource.CREDENTIAL))
                .post("/api/mailboxes").then().statusCode(403);
        as("trigger").delete("/api/mailboxes/whatever").then().statusCode(403);
        given().auth().preemptive().basic("admin", "wrong").get("/api/mailboxes").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static io.restassured.response.Response post(Map<String, Object> body) {
        return as("admin").contentType("application/json").body(body).post("/api/mailboxes");
    }
}
