package io.exchangebridge.importer.run;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.log.RequestRecord;
import io.exchangebridge.simulator.testmail.TestMail;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Import throughput of one mailbox: with the simulator's real Graph limits (messages/s against the ceiling the limits
 * allow, Graph requests per message, early retries) and with the limits off (messages/s, CPU per message, peak RSS for
 * the corpus and for one 50 MB message). Not part of the regular test run (the name does not end in Test); run it on
 * purpose:
 *
 * <pre> ./mvnw -B -pl import-service -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 * -Dtest=ImportBenchmark -Dbenchmark.messages=1000 </pre>
 *
 * The simulator runs in the same JVM, so CPU time and RSS include it; PostgreSQL runs in its own process and is not
 * included. Asserts only sanity (all imported, zero early retries), never timing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportBenchmark {

    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 1000);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 200);
    /** Attachment size of the large message; the default is the corpus's 50 MB one. */
    private static final long LARGE = Long.getLong("benchmark.largeBytes", TestMailCorpus.LARGE_ATTACHMENT_SIZE);
    private static final Instant RECEIVED = Instant.parse("2026-11-01T00:00:00Z");

    /** Set by the run with limits, compared with the run without. */
    private static double limitsOnMsgPerSecond;
    private static boolean warmedUp;

    private static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    private static MailboxStore mailbox(String upn) {
        sim().tenant(SimulatorResource.TENANT).user(upn);
        return sim().mail().mailbox(upn);
    }

    /** {@code n} messages cycling through the standard corpus, each from its own seed (unique Message-IDs). */
    private static long seedCorpus(MailboxStore box, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            List<TestMailSample> corpus = TestMailCorpus.standard(1000L * i);
            byte[] mime = corpus.get(i % corpus.size()).mail().toByteArray();
            bytes += mime.length;
            box.add("inbox").receivedAt(RECEIVED.plusSeconds(i)).mime(mime);
        }
        return bytes;
    }

    private static void account(String id, String upn, String afterImport) {
        createMailbox(Map.of("id", id, "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL, "afterImport",
                afterImport));
    }

    /** Starts a run of one mailbox, waits (polling every 20 ms) until it finished; result and wall seconds. */
    private static Result run(String mailboxId) {
        long t0 = System.nanoTime();
        String runId = as("trigger").post("/api/mailboxes/" + mailboxId + "/imports").then().statusCode(202)
                .extract().path("runId");
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> "FINISHED".equals(as("reader").get("/api/imports/" + runId).path("status")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonPath json = as("reader").get("/api/imports/" + runId).then().statusCode(200).extract().jsonPath()
                .setRootPath("mailboxes[0]");
        return new Result(json, seconds);
    }

    private record Result(JsonPath json, double seconds) {
    }

    private static Predicate<RequestRecord> graphOf(String upn) {
        return r -> "graph".equals(r.protocol()) && upn.equalsIgnoreCase(r.mailbox());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Peak resident set size of this JVM so far (VmHWM), in MiB; -1 where /proc is missing. */
    private static double peakRssMiB() {
        return procStatusKiB("VmHWM:") / 1024.0;
    }

    /** Resets the peak usage of the heap pools (VmHWM cannot be reset; the heap's peak can). */
    private static void resetHeapPeak() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peak usage since {@link #resetHeapPeak()}, in MiB (an upper bound of the heap peak). */
    private static double heapPeakMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
    }

    /** NIO direct buffers held now (the JDK caches temporary direct buffers per thread), in MiB. */
    private static double directMiB() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> "direct".equals(b.getName())).mapToLong(BufferPoolMXBean::getMemoryUsed).sum()
                / 1048576.0;
    }

    private static double rssMiB() {
        return procStatusKiB("VmRSS:") / 1024.0;
    }

    private static long procStatusKiB(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).trim().split("\\s+")[0]).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    @Order(1)
    void withGraphLimits() {
        String upn = "bench-limits@contoso.onmicrosoft.com";
        sim().mail().throttle().enabled(true);
        MailboxStore box = mailbox(upn);
        long bytes = seedCorpus(box, MESSAGES);
        account("bench-limits", upn, "MOVE");
        // warm up JIT, pools and the token cache with corpus messages from another mailbox of the same app
        warmUp();
        long early = sim().requestLog().earlyRetries();
        int logBefore = sim().requestLog().records().size();

        Result r = run("bench-limits");

        List<RequestRecord> requests = sim().requestLog().records().subList(logBefore,
                sim().requestLog().records().size()).stream().filter(graphOf(upn)).toList();
        long earlyRetries = sim().requestLog().earlyRetries() - early;
        assertThat(r.json().getInt("imported")).isEqualTo(MESSAGES);
        assertThat(r.json().getInt("failed")).isZero();
        assertThat(box.messages("inbox")).isEmpty();
        assertThat(earlyRetries).isZero();

        Map<String, Long> byEndpoint = requests.stream()
                .collect(Collectors.groupingBy(RequestRecord::endpoint, TreeMap::new, Collectors.counting()));
        long throttled = requests.stream().filter(q -> q.status() == 429).count();
        double perMessage = (double) requests.size() / MESSAGES;
        double msgPerSecond = MESSAGES / r.seconds();
        double requestsPerSecond = requests.size() / r.seconds();
        // the 10-minute window: 10,000 requests / 600 s, shared by everything the app does in that mailbox
        double windowCeiling = 10_000 / 600.0 / perMessage;
        System.out.printf("BENCHMARK import limits=on messages=%d bytes=%d duration=%.2fs msgPerSec=%.1f "
                + "graphRequests=%d requestsPerMessage=%.3f requestsPerSec=%.1f throttled429=%d earlyRetries=%d "
                + "byEndpoint=%s windowCeilingMsgPerSec=%.2f cores=%d%n", MESSAGES, bytes, r.seconds(), msgPerSecond,
                requests.size(), perMessage, requestsPerSecond, throttled, earlyRetries, byEndpoint, windowCeiling,
                Runtime.getRuntime().availableProcessors());
        limitsOnMsgPerSecond = msgPerSecond;
    }

    /** Imports {@code benchmark.warmup} corpus messages from another mailbox once, so JIT and pools are warm. */
    private static void warmUp() {
        if (warmedUp || WARM_UP == 0) {
            return;
        }
        warmedUp = true;
        String upn = "bench-warm@contoso.onmicrosoft.com";
        seedCorpus(mailbox(upn), WARM_UP);
        account("bench-warm", upn, "MOVE");
        assertThat(run("bench-warm").json().getInt("imported")).isEqualTo(WARM_UP);
    }

    @Test
    @Order(2)
    void withoutLimitsCorpus() {
        String upn = "bench-free@contoso.onmicrosoft.com";
        sim().mail().throttle().enabled(false);
        try {
            MailboxStore box = mailbox(upn);
            long bytes = seedCorpus(box, MESSAGES);
            account("bench-free", upn, "MOVE");
            warmUp();
            long early = sim().requestLog().earlyRetries();
            int logBefore = sim().requestLog().records().size();
            System.gc();
            double hwmBefore = peakRssMiB();
            resetHeapPeak();
            long cpu0 = cpuNanos();

            Result r = run("bench-free");

            double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
            double hwmAfter = peakRssMiB();
            long requests = sim().requestLog().records().subList(logBefore, sim().requestLog().records().size())
                    .stream().filter(graphOf(upn)).count();
            assertThat(r.json().getInt("imported")).isEqualTo(MESSAGES);
            assertThat(r.json().getInt("failed")).isZero();
            assertThat(sim().requestLog().earlyRetries()).isEqualTo(early);
            double msgPerSecond = MESSAGES / r.seconds();
            System.out.printf("BENCHMARK import limits=off corpus messages=%d bytes=%d duration=%.2fs msgPerSec=%.1f "
                    + "graphRequests=%d requestsPerSec=%.1f cpu=%.2fs cpuPerMessage=%.2fms peakRssBefore=%.0fMiB "
                    + "peakRssAfter=%.0fMiB rssNow=%.0fMiB heapPeak=%.0fMiB heapMax=%dMiB limitsOnRatio=%.3f%n",
                    MESSAGES, bytes, r.seconds(), msgPerSecond, requests, requests / r.seconds(), cpuSeconds,
                    cpuSeconds * 1000 / MESSAGES, hwmBefore, hwmAfter, rssMiB(), heapPeakMiB(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    limitsOnMsgPerSecond > 0 ? limitsOnMsgPerSecond / msgPerSecond : Double.NaN);
        } finally {
            sim().mail().throttle().enabled(true);
        }
    }

    @Test
    @Order(3)
    void withoutLimitsOneLargeMessage() {
        String upn = "bench-large@contoso.onmicrosoft.com";
        sim().mail().throttle().enabled(false);
        try {
            MailboxStore box = mailbox(upn);
            byte[] mime = (LARGE == TestMailCorpus.LARGE_ATTACHMENT_SIZE
                    ? TestMailCorpus.largeAttachment(7).mail()
                    : TestMail.builder(7).from("alice@contoso.onmicrosoft.com", "Alice").to(
                            "bob@contoso.onmicrosoft.com").subject("Large attachment")
                            .attachment("archive.zip", "application/zip", LARGE).build())
                    .toByteArray();
            box.add("inbox").receivedAt(RECEIVED).mime(mime);
            int size = mime.length;
            mime = null;
            // the simulator keeps its 50 MB copy on the heap; measured from here the growth is the import's
            System.gc();
            // over the default 35 MB limit: raise the account's limit above it
            createMailbox(Map.of("id", "bench-large", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                    "afterImport", "DELETE", "maxMessageBytes", size + 1_000_000L));
            double hwmBefore = peakRssMiB();
            double rssBefore = rssMiB();
            double directBefore = directMiB();
            resetHeapPeak();
            long cpu0 = cpuNanos();
            long early = sim().requestLog().earlyRetries();

            Result r = run("bench-large");

            double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
            double hwmAfter = peakRssMiB();
            assertThat(r.json().getInt("imported")).isEqualTo(1);
            assertThat(sim().requestLog().earlyRetries()).isEqualTo(early);
            System.out.printf("BENCHMARK import limits=off large bytes=%d duration=%.2fs MBperSec=%.1f cpu=%.2fs "
                    + "rssBefore=%.0fMiB peakRssBefore=%.0fMiB peakRssAfter=%.0fMiB peakRssIncrease=%.0fMiB "
                    + "heapPeak=%.0fMiB heapMax=%dMiB directBefore=%.0fMiB directAfter=%.0fMiB%n", size,
                    r.seconds(), size / 1e6 / r.seconds(), cpuSeconds, rssBefore, hwmBefore, hwmAfter,
                    hwmAfter - hwmBefore, heapPeakMiB(), Runtime.getRuntime().maxMemory() >> 20, directBefore,
                    directMiB());
        } finally {
            sim().mail().throttle().enabled(true);
        }
    }
}
