package io.exchangebridge.smtp.route;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code PUT /api/routes/{id}} edits a route with the validation and errors of {@code POST}; every route change is in
 * the audit log with the route's id as target, and refused changes leave no entry.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RouteEditTest {

    private static Map<String, Object> route(String sender, String mailbox, String transport) {
        Map<String, Object> body = new HashMap<>();
        body.put("sender", sender);
        body.put("credentialId", "cred-edit");
        body.put("mailbox", mailbox);
        body.put("transport", transport);
        return body;
    }

    private static String create(Map<String, Object> body) {
        return admin().contentType("application/json").body(body).post("/api/routes").then().statusCode(201)
                .extract().path("id");
    }

    private static List<Map<String, Object>> auditOf(String id) {
        return admin().queryParam("target", id).get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    @Test
    void aRouteIsEditedAndEveryChangeIsAudited() {
        String sender = "edit-" + UUID.randomUUID() + "@routes.example";
        String id = create(route(sender, "box@routes.example", "SMTP"));

        String moved = "Moved-" + UUID.randomUUID() + "@Routes.example";
        JsonPath edited = admin().contentType("application/json")
                .body(route(" " + moved + " ", "shared@routes.example", "GRAPH")).put("/api/routes/" + id)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(edited.getString("id")).isEqualTo(id);
        assertThat(edited.getString("sender")).isEqualTo(moved.toLowerCase());
        assertThat(edited.getString("mailbox")).isEqualTo("shared@routes.example");
        assertThat(edited.getString("transport")).isEqualTo("GRAPH");
        admin().get("/api/routes/" + id).then().statusCode(200).body("sender", equalTo(moved.toLowerCase()))
                .body("transport", equalTo("GRAPH")).body("credentialId", equalTo("cred-edit"));
        // the same sender again is no conflict with itself
        admin().contentType("application/json").body(route(moved, "shared@routes.example", "SMTP"))
                .put("/api/routes/" + id).then().statusCode(200).body("transport", equalTo("SMTP"));

        admin().delete("/api/routes/" + id).then().statusCode(204);
        admin().get("/api/routes/" + id).then().statusCode(404);

        List<Map<String, Object>> entries = auditOf(id);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("route.delete", "route.update",
                "route.update", "route.create");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e).containsEntry("actor", "admin").containsEntry("target", id).containsEntry("result", "OK")
                    .containsEntry("service", "smtp-service");
        });
        assertThat((String) entries.get(3).get("detail")).contains("sender=" + sender, "mailbox=box@routes.example",
                "transport=SMTP", "credential=cred-edit");
        assertThat((String) entries.get(2).get("detail")).contains("sender=" + moved.toLowerCase(),
                "mailbox=shared@routes.example", "transport=GRAPH");
        assertThat((String) entries.get(0).get("detail")).isEqualTo("sender=" + moved.toLowerCase());
    }

    @Test
    void badFieldsAreNamedUnknownRoutesAre404AndDuplicateSendersAConflict() {
        String first = "first-" + UUID.randomUUID() + "@routes.example";
        String second = "second-" + UUID.randomUUID() + "@routes.example";
        create(route(first, "box@routes.example", "SMTP"));
        String id = create(route(second, "box@routes.example", "SMTP"));

        Map<String, Map<String, Object>> bad = Map.of(
                "sender", route("not a sender", "box@routes.example", "SMTP"),
                "credentialId", withField(route(second, "box@routes.example", "SMTP"), "credentialId", " "),
                "mailbox", route(second, "no-mailbox", "SMTP"),
                "transport", route(second, "box@routes.example", null));
        bad.forEach((field, body) -> admin().contentType("application/json").body(body).put("/api/routes/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'" + field + "'")));

        String unknown = UUID.randomUUID().toString();
        admin().contentType("application/json").body(route(second, "box@routes.example", "SMTP"))
                .put("/api/routes/" + unknown).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No route " + unknown + "."));

        admin().contentType("application/json").body(route(first, "other@routes.example", "GRAPH"))
                .put("/api/routes/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("A route for sender '" + first + "' already exists."));
        // the refused change left the route as it was
        admin().get("/api/routes/" + id).then().statusCode(200).body("sender", equalTo(second))
                .body("transport", equalTo("SMTP"));

        sender().contentType("application/json").body(route(second, "box@routes.example", "SMTP"))
                .put("/api/routes/" + id).then().statusCode(403);
        admin().delete("/api/routes/" + unknown).then().statusCode(404);

        assertThat(auditOf(id)).extracting(e -> e.get("action")).containsExactly("route.create");
        assertThat(auditOf(unknown)).isEmpty();
    }

    private static Map<String, Object> withField(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }
}
