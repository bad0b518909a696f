package io.exchangebridge.smtp.route;

import static io.exchangebridge.smtp.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A second route for a sender is a 409 problem (the store's {@link DuplicateRoute} at the REST edge). */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RouteResourceTest {

    @Test
    void aSecondRouteForTheSenderIsAConflict() {
        String sender = "dup-" + UUID.randomUUID() + "@routes.example";
        Map<String, String> route = Map.of("sender", sender, "credentialId", "cred", "mailbox", "box@routes.example",
                "transport", "SMTP");
        admin().contentType("application/json").body(route).post("/api/routes").then().statusCode(201);

        admin().contentType("application/json").body(route).post("/api/routes").then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("A route for sender '" + sender + "' already exists."))
                .body("instance", equalTo("/api/routes"));
    }
}
