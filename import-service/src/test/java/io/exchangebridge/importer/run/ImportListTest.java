package io.exchangebridge.importer.run;

import static io.exchangebridge.importer.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/imports}: recent runs newest first, keyset paged, each as {@code GET /api/imports/{runId}}. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ImportListTest {

    private static JsonPath page(Integer limit, String cursor) {
        var request = as("reader");
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/imports").then().statusCode(200).extract().jsonPath();
    }

    private static String startAndAwait(String accountId) {
        String runId = as("trigger").post("/api/mailboxes/" + accountId + "/imports").then().statusCode(202)
                .extract().path("runId");
        Api.awaitRun(runId);
        return runId;
    }

    @Test
    void newestFirstFollowingTheCursorEachWithItsMailboxResults() {
        String upn = "runs-list@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        SimulatorResource.sim().mail().mailbox(upn).add("inbox").mime(TestMail.plain("runs-list", 1));
        Map<String, Object> account = new HashMap<>();
        account.put("id", "runs-list");
        account.put("mailbox", upn);
        account.put("credentialId", SimulatorResource.CREDENTIAL);
        Api.createMailbox(account);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(startAndAwait("runs-list"));
        }

        JsonPath first = page(2, null);
        assertThat(first.getList("items.id")).containsExactly(started.get(4), started.get(3));
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        // A run started meanwhile does not shift the pages after the cursor.
        String later = startAndAwait("runs-list");
        JsonPath second = page(2, cursor);
        assertThat(second.getList("items.id")).containsExactly(started.get(2), started.get(1));
        JsonPath third = page(1, second.getString("nextCursor"));
        assertThat(third.getList("items.id")).containsExactly(started.get(0));
        assertThat(page(1, null).getList("items.id")).containsExactly(later);

        // Each item is what GET /api/imports/{runId} answers, per-mailbox results included.
        Map<String, Object> listed = first.getMap("items[1]");
        Map<String, Object> single = as("reader").get("/api/imports/" + started.get(3)).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(listed).isEqualTo(single).containsEntry("status", "FINISHED").containsEntry("trigger", "api");
        List<Map<String, Object>> mailboxes = first.getList("items[1].mailboxes");
        assertThat(mailboxes).singleElement().satisfies(m -> assertThat(m).containsEntry("mailboxId", "runs-list")
                .containsEntry("status", "SUCCEEDED").containsKeys("imported", "duplicates", "failed"));
        assertThat(third.getInt("items[0].mailboxes[0].imported")).as("the first run imported the message")
                .isEqualTo(1);
        assertThat(first.getInt("items[1].mailboxes[0].imported")).isZero();

        // The default page is 20; the last page has no cursor.
        assertThat(page(null, null).getList("items")).hasSizeBetween(6, 20);
        JsonPath everything = page(200, null);
        int total = everything.getList("items").size();
        assertThat(everything.getString("nextCursor")).isNull();
        JsonPath allButOne = page(total - 1, null);
        JsonPath rest = page(5, allButOne.getString("nextCursor"));
        assertThat(rest.getList("items.id")).containsExactly(everything.getList("items.id").get(total - 1));
        assertThat(rest.getString("nextCursor")).isNull();
    }

    @Test
    void badLimitOrCursorIsA400NamingIt() {
        for (String limit : List.of("0", "201", "-1", "abc", "1.5")) {
            as("reader").queryParam("limit", limit).get("/api/imports").then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("field", equalTo("limit"))
                    .body("detail", containsString("'limit'"));
        }
        for (String cursor : List.of("abc", "!!!", "MTIzLjQ1Ni9ub3QtYS11dWlk")) {
            as("reader").queryParam("cursor", cursor).get("/api/imports").then().statusCode(400)
                    .body("field", equalTo("cursor")).body("detail", containsString("'cursor'"));
        }
        // Empty parameters (a form left blank) count as not given.
        as("reader").queryParam("limit", "").queryParam("cursor", "").get("/api/imports").then().statusCode(200);
    }

    @Test
    void readersTriggersAndAdminsMayList() {
        for (String user : List.of("reader", "trigger", "admin")) {
            as(user).get("/api/imports").then().statusCode(200);
        }
        given().get("/api/imports").then().statusCode(401);
    }
}
