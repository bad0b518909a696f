package io.exchangebridge.importer.calendar;

import static io.exchangebridge.importer.calendar.CalendarTestSupport.account;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.calendar;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.meeting;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.sim;
import static io.exchangebridge.importer.calendar.CalendarTestSupport.today;
import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.log.RequestRecord;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Calendar sync throughput of one mailbox: a full round of {@code benchmark.events} single events with the simulator's
 * Graph limits on (events/s against the ceiling those limits allow, Graph requests per event, early retries), the same
 * with the limits off, and an incremental round after {@code benchmark.changes} Outlook-side changes. Not part of the
 * regular test run (the name does not end in Test); run it on purpose:
 *
 * <pre> ./mvnw -B -pl import-service -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 * -Dtest=CalendarBenchmark -Dbenchmark.events=2000 </pre>
 *
 * Asserts only sanity (every event synced, zero early retries), never timing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalendarBenchmark {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 2000);
    private static final int CHANGES = Integer.getInteger("benchmark.changes", 200);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 300);

    private record Result(JsonPath json, double seconds, List<RequestRecord> requests, long earlyRetries,
            double cpuSeconds) {
    }

    /** {@code n} one-hour meetings spread over the next 300 days. */
    private static MailboxCalendar seed(String upn, int n, String prefix) {
        MailboxCalendar cal = calendar(upn);
        for (int i = 0; i < n; i++) {
            cal.create(null, meeting(prefix + " " + i, today().plusDays(i % 300)));
        }
        return cal;
    }

    private static Result run(String mailboxId, String upn) {
        long early = sim().requestLog().earlyRetries();
        int logBefore = sim().requestLog().records().size();
        long cpu = cpuNanos();
        long t0 = System.nanoTime();
        String runId = as("trigger").post("/api/mailboxes/" + mailboxId + "/imports").then().statusCode(202)
                .extract().path("runId");
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> "FINISHED".equals(as("reader").get("/api/imports/" + runId).path("status")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu) / 1e9;
        JsonPath json = as("reader").get("/api/imports/" + runId).then().statusCode(200).extract().jsonPath()
                .setRootPath("mailboxes[0]");
        List<RequestRecord> all = sim().requestLog().records();
        List<RequestRecord> requests = all.subList(logBefore, all.size()).stream()
                .filter(r -> "graph".equals(r.protocol()) && upn.equalsIgnoreCase(r.mailbox())).toList();
        return new Result(json, seconds, requests, sim().requestLog().earlyRetries() - early, cpuSeconds);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String name, int events, Result r) {
        Map<String, Long> byEndpoint = r.requests().stream()
                .collect(Collectors.groupingBy(RequestRecord::endpoint, TreeMap::new, Collectors.counting()));
        long throttled = r.requests().stream().filter(q -> q.status() == 429).count();
        double perEvent = (double) r.requests().size() / events;
        // 10,000 requests per 10 minutes per app + mailbox, sustained
        double windowCeiling = 10_000 / 600.0 / perEvent;
        System.out.printf("BENCHMARK calendar %s events=%d duration=%.2fs eventsPerSec=%.1f graphRequests=%d "
                + "requestsPerEvent=%.4f throttled429=%d earlyRetries=%d cpu=%.2fs cpuPerEventMs=%.3f "
                + "byEndpoint=%s windowCeilingEventsPerSec=%.0f cores=%d%n", name, events, r.seconds(),
                events / r.seconds(), r.requests().size(), perEvent, throttled, r.earlyRetries(), r.cpuSeconds(),
                r.cpuSeconds() * 1000 / events, byEndpoint, windowCeiling, Runtime.getRuntime().availableProcessors());
    }

    @Test
    @Order(1)
    void fullRoundWithGraphLimits() {
        sim().mail().throttle().enabled(true);
        if (WARM_UP > 0) {
            seed("bench-cal-warm@contoso.onmicrosoft.com", WARM_UP, "Warm");
            createMailbox(account("bench-cal-warm", "bench-cal-warm@contoso.onmicrosoft.com", 1, 365));
            run("bench-cal-warm", "bench-cal-warm@contoso.onmicrosoft.com");
        }
        String upn = "bench-cal-on@contoso.onmicrosoft.com";
        seed(upn, EVENTS, "Bench");
        createMailbox(account("bench-cal-on", upn, 1, 365));

        Result r = run("bench-cal-on", upn);

        assertThat(r.json().getString("status")).isEqualTo("SUCCEEDED");
        assertThat(r.json().getInt("eventsChanged")).isEqualTo(EVENTS);
        assertThat(r.earlyRetries()).isZero();
        report("full limits=on", EVENTS, r);
    }

    @Test
    @Order(2)
    void incrementalRoundWithGraphLimits() {
        sim().mail().throttle().enabled(true);
        String upn = "bench-cal-on@contoso.onmicrosoft.com";
        MailboxCalendar cal = calendar(upn);
        cal.events().stream().limit(CHANGES).forEach(e -> cal.update(e.id(), "{\"subject\":\"Changed\"}"));

        Result r = run("bench-cal-on", upn);

        assertThat(r.json().getInt("eventsChanged")).isEqualTo(CHANGES);
        assertThat(r.earlyRetries()).isZero();
        report("incremental limits=on", CHANGES, r);
    }

    @Test
    @Order(3)
    void fullRoundWithoutLimits() {
        sim().mail().throttle().enabled(false);
        try {
            String upn = "bench-cal-off@contoso.onmicrosoft.com";
            seed(upn, EVENTS, "Bench");
            createMailbox(account("bench-cal-off", upn, 1, 365));

            Result r = run("bench-cal-off", upn);

            assertThat(r.json().getInt("eventsChanged")).isEqualTo(EVENTS);
            report("full limits=off", EVENTS, r);
        } finally {
            sim().mail().throttle().enabled(true);
        }
    }
}
