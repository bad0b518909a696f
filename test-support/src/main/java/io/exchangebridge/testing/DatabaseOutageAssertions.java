package io.exchangebridge.testing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.restassured.response.Response;

/**
 * What every service promises while its PostgreSQL ({@link RestartablePostgresTestResource}) is down and after it is
 * back, checked on one of its requests. Use with the {@link ShortDatabaseAcquisition} profile.
 */
public final class DatabaseOutageAssertions {

    private DatabaseOutageAssertions() {
    }

    /**
     * The request answers {@code okStatus}; while the database is down a 503 problem with {@code Retry-After: 5} that
     * names neither an exception nor PostgreSQL; and {@code okStatus} again once it is back (connections broken by the
     * restart are dropped as they fail).
     */
    public static void answers503WhileDown(Supplier<Response> request, int okStatus) {
        request.get().then().statusCode(okStatus);
        RestartablePostgresTestResource.stopDatabase();
        try {
            request.get().then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", equalTo("The database is unavailable; try again later."))
                    .body(not(containsStringIgnoringCase("exception")))
                    .body(not(containsStringIgnoringCase("postgres")));
        } finally {
            RestartablePostgresTestResource.startDatabase();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> request.get().statusCode() == okStatus);
    }

    /**
     * Restarts the server while the application's pool holds idle connections, which the restart breaks, waits longer
     * than the applications' foreground validation interval (1 s), and then checks that every one of more requests than
     * there were pooled connections answers {@code okStatus}: a pool that hands broken connections out again fails the
     * first requests after a restart.
     */
    public static void everyRequestServedAfterRestart(DataSource pool, Supplier<Response> request, int okStatus) {
        int pooled = 6;
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < pooled; i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fill the connection pool", e);
        }
        RestartablePostgresTestResource.stopDatabase();
        RestartablePostgresTestResource.startDatabase();
        try {
            Thread.sleep(1500); // the idle time is the condition under test, not a wait for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int i = 1; i <= pooled + 2; i++) {
            int status = request.get().statusCode();
            if (status != okStatus) {
                throw new AssertionError("Request " + i + " after the restart answered " + status + ", not "
                        + okStatus);
            }
        }
    }
}
