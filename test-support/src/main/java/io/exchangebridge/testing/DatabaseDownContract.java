package io.exchangebridge.testing;

import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.CDI;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * One request of the service that touches the database answers 503 with Retry-After while PostgreSQL is down, not 500,
 * and {@link #okStatus()} again once it is back, from the first request on ({@link DatabaseOutageAssertions}). The
 * service's class gives the test its own database: {@code @WithTestResource(value =
 * RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)} and
 * {@code @TestProfile(ShortDatabaseAcquisition.class)}.
 */
public abstract class DatabaseDownContract {

    /** The request, such as the admin listing the credentials. */
    protected abstract Response request();

    /** What {@link #request()} answers while the database is up. */
    protected abstract int okStatus();

    /** Creates what {@link #request()} needs while the database is up (nothing by default). */
    protected void prepare() {
    }

    @Test
    public void answers503WhileTheDatabaseIsDown() {
        prepare();
        DatabaseOutageAssertions.answers503WhileDown(this::request, okStatus());
    }

    @Test
    public void everyRequestAfterARestartIsServed() {
        prepare();
        DatabaseOutageAssertions.everyRequestServedAfterRestart(CDI.current().select(DataSource.class).get(),
                this::request, okStatus());
    }
}
