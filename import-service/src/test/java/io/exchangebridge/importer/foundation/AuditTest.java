package io.exchangebridge.importer.foundation;

import static io.exchangebridge.importer.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.testing.AuditContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit log's API: creating a mailbox account is listed with who did it; updates, deletes and started runs are
 * audited too, a refused change is not, and no secret is written.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class AuditTest extends AuditContract {

    @Override
    protected String[] admin() {
        return new String[]{"admin", "admin-pass"};
    }

    @Override
    protected String[] nonAdmin() {
        return new String[]{"reader", "reader-pass"};
    }

    @Override
    protected Audited adminAction(String target, Map<String, String> headers) {
        as("admin").headers(headers).contentType("application/json").body(account(target))
                .post("/api/mailboxes").then().statusCode(201);
        return new Audited("mailbox.create", target);
    }

    private static Map<String, Object> account(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("mailbox", id + "@contoso.onmicrosoft.com");
        body.put("credentialId", SimulatorResource.CREDENTIAL);
        return body;
    }

    private static List<Map<String, Object>> entries(String target) {
        return as("admin").queryParam("target", target).get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    @Test
    void updatesDeletesAndRefusedChanges() {
        String id = "audited-box";
        Map<String, Object> body = account(id);
        body.put("webhookUrl", "http://127.0.0.1:9/hook");
        body.put("webhookSecret", "do-not-log-this-secret");
        as("admin").contentType("application/json").body(body).post("/api/mailboxes").then().statusCode(201);
        // Refused: the id exists already. Nothing of it may reach the log.
        as("admin").contentType("application/json").body(account(id)).post("/api/mailboxes").then().statusCode(409);
        body.put("enabled", false);
        as("admin").contentType("application/json").body(body).put("/api/mailboxes/" + id).then().statusCode(200);
        as("admin").delete("/api/mailboxes/" + id).then().statusCode(204);

        List<Map<String, Object>> items = entries(id);
        assertThat(items).extracting(e -> e.get("action")).containsExactly("mailbox.delete", "mailbox.update",
                "mailbox.create");
        assertThat(items).allSatisfy(e -> {
            assertThat(e).containsEntry("actor", "admin").containsEntry("result", "OK")
                    .containsEntry("service", "import-service");
            assertThat(e.toString()).doesNotContain("do-not-log-this-secret");
        });
        assertThat((String) items.get(1).get("detail")).contains(id + "@contoso.onmicrosoft.com").contains("disabled");
        assertThat((String) items.get(2).get("detail")).contains("folder inbox").contains("enabled");
    }

    @Test
    void startedRunsAreAuditedWithTheirMailboxOrAll() {
        String id = "audited-run";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(id + "@contoso.onmicrosoft.com");
        as("admin").contentType("application/json").body(account(id)).post("/api/mailboxes").then().statusCode(201);

        String one = as("trigger").post("/api/mailboxes/" + id + "/imports").then().statusCode(202).extract()
                .path("runId");
        Api.awaitRun(one);
        assertThat(entries(one)).singleElement().satisfies(e -> assertThat(e).containsEntry("action", "import.start")
                .containsEntry("actor", "trigger").containsEntry("detail", id).containsEntry("result", "OK"));

        String all = as("admin").header("X-Exchange-Bridge-On-Behalf-Of", "alice@contoso.example").post("/api/imports")
                .then().statusCode(202).extract().path("runId");
        Api.awaitRun(all);
        assertThat(entries(all)).singleElement().satisfies(e -> assertThat(e).containsEntry("action", "import.start")
                .containsEntry("actor", "alice@contoso.example via admin").containsEntry("detail", "all"));

        // A refused start (unknown account) writes nothing and creates no run.
        as("trigger").post("/api/mailboxes/no-such-account/imports").then().statusCode(404);
        assertThat(as("admin").queryParam("action", "import.start").get("/api/audit").jsonPath()
                .getList("items.detail")).doesNotContain("no-such-account");
    }
}
