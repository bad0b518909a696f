package io.exchangebridge.smtp.limits;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Exchange's recipient limits kept by the relay: mail that would take a mailbox (5 a day here) or the tenant's external
 * recipients (4 a day here) over the limit is DEFERRED until it fits, the count is shared by replicas, and Exchange's
 * own quota refusals defer rather than fail.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(RecipientLimitsTest.LowLimits.class)
class RecipientLimitsTest {

    static final String T = RelayTestResource.TENANT;

    /** Low limits, so that a test reaches them with a few messages. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.recipient-limits.per-mailbox-per-day", "5",
                    "relay.recipient-limits.external-per-day", "4");
        }
    }

    @Inject
    RecipientLimits limits;

    @Inject
    LimitMetrics metrics;

    @Inject
    RelayConfig config;

    @Inject
    DataSource dataSource;

    private static String submit(String from, List<String> to) {
        return sender().contentType("application/json")
                .body(Map.of("from", from, "to", to, "subject", "limits", "text", "counted"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static String metricsText() {
        return admin().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void mailThatWouldPassTheMailboxsDailyLimitIsDeferredUntilItFitsThenSent() throws Exception {
        String mailbox = "rita@" + T;
        RelayTestResource.sim().tenant(T).user(mailbox);
        route(mailbox, mailbox);
        List<String> two = List.of("bob@" + T, "alice@" + T);
        awaitStatus(submit(mailbox, two), "SENT");
        awaitStatus(submit(mailbox, two), "SENT");
        Instant before = Instant.now();
        String held = submit(mailbox, two);
        JsonPath deferred = awaitStatus(held, "DEFERRED");
        assertEquals(0, deferred.getInt("attempts"), "held before any attempt");
        assertTrue(deferred.getString("explanation").contains("daily recipient limit"),
                deferred.getString("explanation"));
        Instant next = Instant.parse(deferred.getString("nextAttemptAt"));
        assertTrue(next.isAfter(before.plus(Duration.ofHours(23).plusMinutes(59)))
                && next.isBefore(before.plus(Duration.ofHours(24).plusMinutes(2))), "when it fits: " + next);
        assertEquals(2, RelayTestResource.sim().smtp().outbox().messages(mailbox).size());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String text = metricsText();
            assertTrue(text.contains("relay_mailbox_recipients{mailbox=\"" + mailbox + "\"} 4.0"), text);
            assertTrue(text.contains("relay_mailbox_recipient_limit{mailbox=\"" + mailbox + "\"} 5.0"), text);
            assertTrue(text.matches("(?s).*relay_messages_deferred_total\\{reason=\"recipients-per-day\"} [1-9].*"),
                    text);
        });

        // a day later: the count has expired and the message is due; it is claimed again and sent
        sql("UPDATE recipient_count SET bucket = bucket - interval '25 hours' WHERE mailbox = ?", mailbox);
        sql("UPDATE outbox_message SET next_attempt_at = now() WHERE id = ?", UUID.fromString(held));
        JsonPath sent = awaitStatus(held, "SENT");
        assertEquals(1, sent.getInt("attempts"));
        assertEquals(3, RelayTestResource.sim().smtp().outbox().messages(mailbox).size());
    }

    @Test
    void twoRelaysOnOneDatabaseShareTheCount() throws Exception {
        String mailbox = "sam@" + T;
        RecipientLimits other = new RecipientLimits(dataSource, config, metrics); // the second replica's
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<RecipientLimits.Admission>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                RecipientLimits replica = i % 2 == 0 ? limits : other;
                Callable<RecipientLimits.Admission> admit = () -> replica.admit(mailbox, mailbox, List.of("bob@" + T));
                results.add(pool.submit(admit));
            }
            List<RecipientLimits.Admission> admissions = new ArrayList<>();
            for (Future<RecipientLimits.Admission> f : results) {
                admissions.add(f.get());
            }
            List<RecipientLimits.Admission> counted = admissions.stream()
                    .filter(RecipientLimits.Admission.Counted.class::isInstance).toList();
            assertEquals(5, counted.size(), "exactly the limit across both replicas: " + admissions);
            assertEquals(5, admissions.stream().filter(RecipientLimits.Admission.Held.class::isInstance).count());

            other.giveBack(counted.get(0)); // that message was not sent after all
            assertInstanceOf(RecipientLimits.Admission.Counted.class,
                    limits.admit(mailbox, mailbox, List.of("x@" + T)));
            assertInstanceOf(RecipientLimits.Admission.Held.class, other.admit(mailbox, mailbox, List.of("y@" + T)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void externalRecipientsAreLimitedForTheWholeTenant() {
        RecipientLimits.Admission first = limits.admit("tom@" + T, "tom@" + T,
                List.of("a@fabrikam.example", "b@fabrikam.example", "c@fabrikam.example", "dan@" + T));
        assertInstanceOf(RecipientLimits.Admission.Counted.class, first);
        assertEquals(3, ((RecipientLimits.Admission.Counted) first).external());
        RecipientLimits.Admission second = limits.admit("uma@" + T, "uma@" + T,
                List.of("d@fabrikam.example", "e@northwind.example"));
        RecipientLimits.Admission.Held held = assertInstanceOf(RecipientLimits.Admission.Held.class, second);
        assertEquals(LimitMetrics.EXTERNAL, held.reason());
        assertTrue(held.explanation().contains("external recipients"), held.explanation());
        assertInstanceOf(RecipientLimits.Admission.Counted.class,
                limits.admit("uma@" + T, "uma@" + T, List.of("eve@" + T)), "internal recipients still go");
        assertInstanceOf(RecipientLimits.Admission.Impossible.class, limits.admit("uma@" + T, "uma@" + T,
                List.of("1@" + T, "2@" + T, "3@" + T, "4@" + T, "5@" + T, "6@" + T)), "over a whole day's limit");
        limits.giveBack(first);
        assertInstanceOf(RecipientLimits.Admission.Counted.class, limits.admit("uma@" + T, "uma@" + T,
                List.of("d@fabrikam.example", "e@northwind.example")));
    }

    @Test
    void exchangeRefusingForItsDailyQuotaDefersInsteadOfFailing() {
        String mailbox = "vera@" + T;
        RelayTestResource.sim().tenant(T).user(mailbox);
        route(mailbox, mailbox);
        RelayTestResource.sim().sendingLimits().recipientsPerDay(1); // Exchange counts sends of other clients too
        try {
            Instant before = Instant.now();
            JsonPath deferred = awaitStatus(submit(mailbox, List.of("bob@" + T, "alice@" + T)), "DEFERRED");
            assertTrue(deferred.getString("lastReply").startsWith("554 5.2.0"), deferred.getString("lastReply"));
            assertEquals(1, deferred.getInt("attempts"));
            assertTrue(deferred.getString("explanation").contains("daily recipient limit"));
            Instant next = Instant.parse(deferred.getString("nextAttemptAt"));
            assertTrue(next.isAfter(before.plus(Duration.ofMinutes(59))), "relay.recipient-limits.quota-retry-after");
        } finally {
            RelayTestResource.sim().sendingLimits().reset();
        }
    }

    @Test
    void exchangeRepliesAreClassified() {
        assertEquals(RecipientLimits.Refusal.TENANT_EXTERNAL, RecipientLimits.Refusal.of("550 5.7.233 Your message"
                + " can't be sent because your tenant has exceeded its daily limit"));
        assertEquals(RecipientLimits.Refusal.MAILBOX_QUOTA, RecipientLimits.Refusal.of(
                "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed"));
        assertEquals(RecipientLimits.Refusal.MAILBOX_QUOTA, RecipientLimits.Refusal.of(
                "429 ErrorSubmissionQuotaExceeded"));
        assertEquals(RecipientLimits.Refusal.TOO_MANY_RECIPIENTS, RecipientLimits.Refusal.of(
                "452 4.5.3 Too many recipients"));
        assertEquals(RecipientLimits.Refusal.NONE, RecipientLimits.Refusal.of("451 4.7.0 Temporary server error"));
    }
}
