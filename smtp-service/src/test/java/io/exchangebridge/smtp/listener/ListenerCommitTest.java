package io.exchangebridge.smtp.listener;

import static io.exchangebridge.smtp.support.Api.route;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Durability at the listener with messages stored together (a group commit): while PostgreSQL cannot commit the
 * outbox's INSERT (the table is locked by another transaction), no client hears 250; once it can, every client does,
 * and each message named in a 250 is in the outbox.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class ListenerCommitTest {

    static final String T = RelayTestResource.TENANT;

    @Inject
    SmtpListener listener;

    @Inject
    DataSource dataSource;

    @Test
    void noClientHears250BeforeItsMessageIsCommitted() throws Exception {
        route(T, "alice@" + T);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<String>> replies = new ArrayList<>();
        try {
            try (Connection lock = dataSource.getConnection()) {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement()) {
                    s.execute("LOCK TABLE outbox_message IN EXCLUSIVE MODE"); // INSERTs wait; reads do not
                }
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    replies.add(clients.submit(() -> send("held " + n)));
                }
                await().atMost(Duration.ofSeconds(60)).until(this::insertWaitsForTheLock);
                for (Future<String> reply : replies) {
                    assertFalse(reply.isDone(), "no 250 while the INSERT cannot commit");
                }
                lock.commit();
            }
            for (Future<String> reply : replies) {
                String text = reply.get(60, TimeUnit.SECONDS);
                assertTrue(text.startsWith("250"), text);
                String id = text.substring(text.indexOf("queued as ") + "queued as ".length()).strip();
                assertTrue(stored(UUID.fromString(id)), "the message of '" + text + "' is in the outbox");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private String send(String subject) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "localhost");
        p.setProperty("mail.smtp.port", String.valueOf(listener.port()));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", "localhost");
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("alice@" + T));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("carol@example.com"));
        m.setSubject(subject);
        m.setText("held until the commit");
        m.saveChanges();
        try (Transport t = session.getTransport("smtp")) {
            t.connect("scanner", "test-relay-password");
            t.sendMessage(m, m.getAllRecipients());
            return ((SMTPTransport) t).getLastServerResponse().strip();
        }
    }

    private boolean insertWaitsForTheLock() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO outbox_message%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private boolean stored(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM outbox_message WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
