package io.exchangebridge.smtp.outbox;

import static io.exchangebridge.smtp.support.Api.arrivals;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Mail left behind by a stopped or crashed process is delivered, and many messages go out exactly once each. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class OutboxRecoveryTest {

    static final String T = RelayTestResource.TENANT;

    @Inject
    DataSource dataSource;

    @Test
    void mailQueuedOrMidSendByAnEarlierProcessIsDeliveredOnce() throws Exception {
        RelayTestResource.sim().tenant(T).user("henry@" + T);
        route("henry@" + T, "henry@" + T);
        List<String> ids = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO outbox_message (id, submitted_by, mail_from, recipients, message_id, mime, status,
                            attempts, next_attempt_at, claimed_until, created_at, updated_at)
                        VALUES (?, 'app', ?, ?, ?, ?, ?, ?, now(), ?, now(), now())""")) {
            for (int i = 0; i < 6; i++) {
                UUID id = UUID.randomUUID();
                String messageId = "<left-" + id + "@example.com>";
                boolean crashed = i % 2 == 0; // SENDING, claim ran out: the earlier process died mid-delivery
                insert.setObject(1, id);
                insert.setString(2, "henry@" + T);
                insert.setArray(3, c.createArrayOf("text", new String[]{"carol@example.com"}));
                insert.setString(4, messageId);
                insert.setBytes(5, ("From: henry@" + T + "\r\nTo: carol@example.com\r\nMessage-ID: " + messageId
                        + "\r\nSubject: left " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
                insert.setString(6, crashed ? "SENDING" : "QUEUED");
                insert.setInt(7, crashed ? 1 : 0);
                insert.setObject(8, crashed ? java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)) : null);
                insert.executeUpdate();
                ids.add(id.toString());
                messageIds.add(messageId);
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            awaitStatus(ids.get(i), "SENT");
            assertEquals(1, arrivals(messageIds.get(i)));
        }
    }

    @Test
    void twoWorkersDrainTheOutboxWithoutDuplicates() {
        RelayTestResource.sim().tenant(T).user("grace@" + T);
        route("grace@" + T, "grace@" + T);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(sender().contentType("application/json")
                    .body(Map.of("from", "grace@" + T, "to", List.of("carol@example.com"), "text", "n" + i))
                    .post("/api/messages").then().statusCode(202).extract().path("id"));
        }
        for (String id : ids) {
            String messageId = awaitStatus(id, "SENT").getString("messageId");
            assertEquals(1, arrivals(messageId));
        }
        long auths = RelayTestResource.sim().requestLog()
                .count(r -> "smtp.auth".equals(r.endpoint()) && ("grace@" + T).equals(r.mailbox()));
        assertTrue(auths >= 1 && auths <= 4, "pooled connections: at most a few AUTHs for 25 messages, was " + auths);
    }
}
