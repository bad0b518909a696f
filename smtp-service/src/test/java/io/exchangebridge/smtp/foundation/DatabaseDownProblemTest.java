package io.exchangebridge.smtp.foundation;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.DatabaseDownContract;
import io.exchangebridge.testing.PrometheusText;
import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.exchangebridge.testing.ShortDatabaseAcquisition;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The REST intake answers 503 with Retry-After while PostgreSQL is down (as the SMTP listener answers 451), not 500,
 * and accepts messages again once it is back, from the first request on. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ShortDatabaseAcquisition.class)
class DatabaseDownProblemTest extends DatabaseDownContract {

    static final String SENDER = "dana@" + RelayTestResource.TENANT;

    @Override
    protected void prepare() {
        route(SENDER, SENDER);
    }

    @Override
    protected Response request() {
        return sender().contentType("application/json")
                .body(Map.of("from", SENDER, "to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages");
    }

    @Override
    protected int okStatus() {
        return 202;
    }

    /** The refusals are counted for the "relay refusing for lack of database" alert. */
    @Test
    void refusalsForTheDatabaseAreCounted() {
        prepare();
        Map<String, String> database = Map.of("reason", "database");
        double before = PrometheusText.sum(metrics(), "relay_intake_refused_total", database);
        RestartablePostgresTestResource.stopDatabase();
        try {
            request().then().statusCode(503);
        } finally {
            RestartablePostgresTestResource.startDatabase();
        }
        assertEquals(before + 1, PrometheusText.sum(metrics(), "relay_intake_refused_total", database));
    }

    private static String metrics() {
        return admin().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
