package io.exchangebridge.credential.credential;

import static io.exchangebridge.credential.credential.CredentialCrudTest.admin;
import static io.exchangebridge.credential.credential.CredentialCrudTest.appCredential;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /api/credentials} answers 409 "already exists" only when the id's primary key really was taken — by an
 * earlier credential or by a concurrent request that committed first — and never for another failure of the INSERT. A
 * trigger makes PostgreSQL refuse chosen rows the way it refuses a value it cannot store (SQLSTATE 22021, as for a NUL
 * byte) or a unique constraint other than the id's.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CredentialConflictTest {

    @Inject
    DataSource dataSource;

    @AfterEach
    void dropTrigger() {
        Sql.update(dataSource, "DROP TRIGGER IF EXISTS conflict_test_refuse ON credential");
        Sql.update(dataSource, "DROP FUNCTION IF EXISTS conflict_test_refuse()");
    }

    @Test
    void anInsertFailingForAnotherReasonIsNotAConflict() {
        refuseInsertsWithDescriptions();

        post("refused-1", "refuse 22021").then().statusCode(500)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("The request could not be processed. The error has been logged."));
        admin().get("/api/credentials/refused-1").then().statusCode(404);

        // A unique violation, but of another constraint than the id's: not "already exists" either.
        post("refused-2", "refuse 23505").then().statusCode(500);
        admin().get("/api/credentials/refused-2").then().statusCode(404);

        // The trigger itself lets other rows through.
        post("refused-3", "accept").then().statusCode(201);
    }

    @Test
    void aConcurrentCreateThatCommitsFirstIsAConflict() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            insertUncommitted(other, "race-1");
            // Not yet visible to the POST's look-up, so its INSERT waits on the primary key and then violates it.
            CompletableFuture<Response> post = CompletableFuture.supplyAsync(() -> post("race-1", "second"));
            await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(Sql.string(dataSource,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query ILIKE 'insert into credential %'")));
            other.commit();
            post.get(30, TimeUnit.SECONDS).then().statusCode(409)
                    .contentType(startsWith("application/problem+json"))
                    .body("title", equalTo("Conflict"))
                    .body("detail", equalTo("Credential 'race-1' already exists."));
        }
        admin().get("/api/credentials/race-1").then().statusCode(200).body("description", equalTo("first"));
    }

    private static Response post(String id, String description) {
        Map<String, Object> body = new HashMap<>(appCredential(id));
        body.put("description", description);
        return admin().body(body).post("/api/credentials");
    }

    private void refuseInsertsWithDescriptions() {
        Sql.update(dataSource, """
                CREATE FUNCTION conflict_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.description = 'refuse 22021' THEN
                        RAISE EXCEPTION 'invalid byte sequence' USING ERRCODE = '22021';
                    ELSIF NEW.description = 'refuse 23505' THEN
                        RAISE EXCEPTION 'duplicate key' USING ERRCODE = '23505', CONSTRAINT = 'credential_other_key';
                    END IF;
                    RETURN NEW;
                END $$""");
        Sql.update(dataSource, "CREATE TRIGGER conflict_test_refuse BEFORE INSERT ON credential"
                + " FOR EACH ROW EXECUTE FUNCTION conflict_test_refuse()");
    }

    private static void insertUncommitted(Connection c, String id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                """
                        INSERT INTO credential (id, description, grant_type, tenant_id, client_id, token_url, auth_method,
                            scopes, status, status_since, created_at, updated_at)
                        VALUES (?, 'first', 'client_credentials', 'contoso.onmicrosoft.com', 'app', 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
                            'secret', '{"graph":[]}', 'ACTIVE', ?, ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now());
            s.setString(1, id);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.setTimestamp(4, now);
            s.executeUpdate();
        }
    }
}
