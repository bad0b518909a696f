package io.exchangebridge.smtp.retention;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.NoWorkersProfile;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The purge with the default periods (bodies after 7 days, rows after 90): finished messages of each age lose their
 * body or their row, unfinished ones of any age are kept, delivered webhook rows go, and a second replica purging at
 * the same time does nothing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(NoWorkersProfile.class)
class RetentionTest {

    @Inject
    RetentionJob retention;

    @Inject
    DataSource dataSource;

    private UUID insert(String status, int daysAgo) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox_message (id, submitted_by, mail_from, recipients, message_id, mime, status,
                    attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, 'app', 'a@contoso.onmicrosoft.com', '{b@example.com}', ?, '\\x41424344', ?, 1,
                    now() - make_interval(days => ?), now() - make_interval(days => ?),
                    now() - make_interval(days => ?))""")) {
            s.setObject(1, id);
            s.setString(2, "<" + id + "@t>");
            s.setString(3, status);
            s.setInt(4, daysAgo);
            s.setInt(5, daysAgo);
            s.setInt(6, daysAgo);
            s.executeUpdate();
        }
        return id;
    }

    private int bodyLength(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT length(mime) FROM outbox_message WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void finishedMessagesLoseTheirBodyThenTheirRowAndNothingElseIsTouched() throws SQLException {
        UUID recentSent = insert("SENT", 1);
        UUID oldSent = insert("SENT", 10);
        UUID oldFailed = insert("FAILED", 10);
        UUID oldCancelled = insert("CANCELLED", 10);
        UUID ancientFailed = insert("FAILED", 100);
        UUID ancientQueued = insert("QUEUED", 100);
        UUID ancientRetrying = insert("RETRYING", 100);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO status_webhook_delivery (api_user, type, message, m_status, m_from, m_recipients,
                        m_message_id, m_attempts, m_created_at, m_updated_at, next_attempt_at, created_at, delivered_at)
                    VALUES ('retention-user', 'message.sent', gen_random_uuid(), 'SENT', 'a@b', '{c@d}', '<x@t>', 1,
                        now(), now(), now(), now() - interval '10 days', now() - interval '10 days'),
                           ('retention-user', 'message.sent', gen_random_uuid(), 'SENT', 'a@b', '{c@d}', '<y@t>', 1,
                        now(), now(), now(), now() - interval '1 day', now())""");
        }

        RetentionJob.Purged purged = retention.purgeNow();
        assertTrue(purged.ran());
        assertEquals(4, bodyLength(recentSent), "a recent message keeps its body");
        for (UUID id : new UUID[]{oldSent, oldFailed, oldCancelled}) {
            assertEquals(0, bodyLength(id), "body purged after 7 days");
            sender().get("/api/messages/" + id).then().statusCode(200);
        }
        assertEquals(-1, bodyLength(ancientFailed), "row deleted after 90 days");
        sender().get("/api/messages/" + ancientFailed).then().statusCode(404);
        assertEquals(4, bodyLength(ancientQueued), "a message not yet sent is never purged");
        assertEquals(4, bodyLength(ancientRetrying));
        assertTrue(purged.bodies() >= 3 && purged.messages() >= 1, purged.toString());
        assertEquals(1, count("SELECT count(*) FROM status_webhook_delivery WHERE api_user = 'retention-user'"));

        sender().post("/api/messages/" + oldFailed + "/resend").then().statusCode(409)
                .body("detail", containsString("purged"));
        admin().get("/api/audit?action=retention.purge").then().statusCode(200)
                .body("items[0].actor", equalTo("system"));
        admin().get("/q/metrics").then().body(containsString("relay_retention_purged_total{what=\"body\"}"))
                .body(containsString("relay_retention_purged_total{what=\"message\"}"));

        RetentionJob.Purged again = retention.purgeNow();
        assertEquals(0, again.bodies() + again.messages(), "nothing left to purge");
    }

    @Test
    void onlyOneReplicaPurgesAtATime() throws SQLException {
        try (Connection other = dataSource.getConnection();
                PreparedStatement s = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            s.setLong(1, RetentionJob.LOCK);
            s.executeQuery().close();
            try {
                UUID old = insert("SENT", 10);
                assertFalse(retention.purgeNow().ran(), "another replica holds the purge");
                assertEquals(4, bodyLength(old));
            } finally {
                try (PreparedStatement u = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    u.setLong(1, RetentionJob.LOCK);
                    u.executeQuery().close();
                }
            }
        }
    }
}
