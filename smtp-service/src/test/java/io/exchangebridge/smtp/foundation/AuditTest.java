package io.exchangebridge.smtp.foundation;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.AuditContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.response.Response;

/**
 * The audit log's API: creating a sender route is listed with who did it ({@code route.create}, target the route's id).
 *
 * <p> The contract names the object of its admin action by a text of its own ("audit-1a2b3c4d") and looks the entry up
 * by that target. A route's id is a UUID the relay gives out, so the action creates a route for a sender derived from
 * the name ({@code audit-1a2b3c4d@audit.example}) and remembers the route id it got; a RestAssured filter, installed
 * for this class only, puts that id in the {@code target} parameter of {@code GET /api/audit} and the name back in the
 * answer's {@code target} fields. Everything else (actor, action, time, filters, order, paging) is the service's answer
 * as it is.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class AuditTest extends AuditContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract's object names and the ids of the routes created for them, both ways. */
    private final Map<String, String> idOfName = new ConcurrentHashMap<>();
    private final Map<String, String> nameOfId = new ConcurrentHashMap<>();
    private final Filter names = (request, response, context) -> {
        boolean audit = request.getURI().contains("/api/audit");
        Object target = request.getQueryParams().get("target");
        if (audit && target != null && idOfName.containsKey(target.toString())) {
            request.removeQueryParam("target");
            request.queryParam("target", idOfName.get(target.toString()));
        }
        Response answer = context.next(request, response);
        return audit && answer.statusCode() == 200 ? named(answer) : answer;
    };

    @BeforeEach
    void installNames() {
        RestAssured.filters(names);
    }

    @AfterEach
    void removeNames() {
        List<Filter> others = new ArrayList<>(RestAssured.filters());
        others.remove(names);
        RestAssured.replaceFiltersWith(others);
    }

    @Override
    protected String[] admin() {
        return new String[]{"admin", "test-admin-password"};
    }

    @Override
    protected String[] nonAdmin() {
        return new String[]{"app", "test-sender-password"};
    }

    @Override
    protected String adminAction(String target, Map<String, String> headers) {
        String id = given().auth().preemptive().basic("admin", "test-admin-password").headers(headers)
                .contentType("application/json")
                .body(Map.of("sender", target + "@audit.example", "credentialId", "audit-credential", "mailbox",
                        "relay@audit.example", "transport", "SMTP"))
                .post("/api/routes").then().statusCode(201).extract().path("id");
        idOfName.put(target, id);
        nameOfId.put(id, target);
        return "route.create";
    }

    /** The answer with each known route id in a {@code target} field replaced by the contract's name for it. */
    private Response named(Response answer) {
        try {
            JsonNode page = JSON.readTree(answer.asByteArray());
            for (JsonNode item : page.path("items")) {
                String name = nameOfId.get(item.path("target").asText());
                if (name != null) {
                    ((ObjectNode) item).put("target", name);
                }
            }
            return new ResponseBuilder().clone(answer).setBody(JSON.writeValueAsBytes(page)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
