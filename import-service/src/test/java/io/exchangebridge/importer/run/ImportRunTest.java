package io.exchangebridge.importer.run;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.exchangebridge.importer.testing.Api.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.message.MessageStore;
import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.FakeCredentialService;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.simulator.graph.Throttle;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Import runs against the simulator and a real PostgreSQL: exactly once, byte-exact, through faults. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ImportRunTest {

    @Inject
    ImportRunner runner;

    @Inject
    MessageStore store;

    private static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    /** A mailbox user in the simulated tenant, with an empty store. */
    private static MailboxStore mailbox(String upn) {
        sim().tenant(SimulatorResource.TENANT).user(upn);
        return sim().mail().mailbox(upn);
    }

    private static Map<String, Object> account(String id, String upn, String afterImport) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("mailbox", upn);
        body.put("credentialId", SimulatorResource.CREDENTIAL);
        body.put("afterImport", afterImport);
        return body;
    }

    private static List<StoredMessage> seed(MailboxStore box, List<byte[]> mimes) {
        List<StoredMessage> seeded = new ArrayList<>();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < mimes.size(); i++) {
            seeded.add(box.add("inbox").receivedAt(t.plusSeconds(i)).mime(mimes.get(i)));
        }
        return seeded;
    }

    private static List<Map<String, Object>> messagesOf(String mailboxId) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("reader").queryParam("mailbox", mailboxId).queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/messages").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void corpusIsImportedByteExactMovedAndParsed() throws Exception {
        String upn = "corpus@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        List<StoredMessage> seeded = seed(box, List.of(TestMail.corpus("corpus")));
        createMailbox(account("corpus", upn, "MOVE"));
        long early = sim().requestLog().earlyRetries();

        JsonPath result = run("corpus");

        assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(result.getInt("imported")).isEqualTo(seeded.size());
        assertThat(result.getInt("actionsApplied")).isEqualTo(seeded.size());
        assertThat(box.messages("inbox")).isEmpty();
        assertThat(box.messages("Imported")).hasSize(seeded.size());
        List<Map<String, Object>> stored = messagesOf("corpus");
        assertThat(stored).hasSize(seeded.size());
        Map<String, StoredMessage> byImmutableId = seeded.stream()
                .collect(Collectors.toMap(StoredMessage::immutableId, m -> m));
        for (Map<String, Object> m : stored) {
            StoredMessage original = byImmutableId.get((String) m.get("graphId"));
            assertThat(original).as("stored under its immutable id").isNotNull();
            assertThat(m.get("sha256")).isEqualTo(sha256(original.mime()));
            byte[] raw = as("reader").get("/api/messages/" + m.get("id") + "/raw").then().statusCode(200)
                    .contentType("message/rfc822").extract().asByteArray();
            assertThat(raw).isEqualTo(original.mime());
        }
        Map<String, Object> encoded = stored.stream()
                .filter(m -> "<corpus-enc@test.example>".equals(m.get("internetMessageId"))).findFirst().orElseThrow();
        assertThat(encoded.get("subject")).isEqualTo("Grüße aus München");
        assertThat((String) encoded.get("from")).isEqualTo("Jürgen Müller <juergen@example.de>");
        assertThat((List<Object>) encoded.get("to")).hasSize(2);
        assertThat((List<Object>) encoded.get("cc")).containsExactly("carol@example.com");
        assertThat(encoded.get("date")).isEqualTo("2026-11-03T07:30:00Z");
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) encoded.get("attachments");
        assertThat(attachments).extracting(a -> a.get("name")).containsExactly("rechnung.pdf", "übersicht.csv");
        assertThat(attachments).extracting(a -> a.get("contentType")).containsExactly("application/pdf", "text/csv");
        byte[] csv = as("reader").get("/api/messages/" + encoded.get("id") + "/attachments/1").then().statusCode(200)
                .contentType("text/csv").extract().asByteArray();
        assertThat(new String(csv)).isEqualTo("a;b\r\n1;2");
        assertThat(sim().requestLog().earlyRetries()).isEqualTo(early);

        JsonPath again = run("corpus");
        assertThat(again.getInt("imported")).isZero();
        assertThat(messagesOf("corpus")).hasSize(seeded.size());
    }

    @Test
    void pagesThroughMoreThanAThousandMessagesAndDeletes() {
        String upn = "paging@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, TestMail.plain("paging", 0, 1050));
        createMailbox(account("paging", upn, "DELETE"));
        long early = sim().requestLog().earlyRetries();

        JsonPath result = run("paging");

        assertThat(result.getInt("imported")).isEqualTo(1050);
        assertThat(result.getInt("failed")).isZero();
        assertThat(box.messages("inbox")).isEmpty();
        assertThat(messagesOf("paging")).hasSize(1050)
                .extracting(m -> m.get("internetMessageId")).doesNotHaveDuplicates();
        assertThat(sim().requestLog().earlyRetries()).isEqualTo(early);
    }

    @Test
    void markReadUsesDeltaAcrossRunsAndSurvivesAStaleToken() {
        String upn = "delta@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, List.of(TestMail.plain("delta", 1), TestMail.plain("delta", 2), TestMail.plain("delta", 3)));
        createMailbox(account("delta", upn, "MARK_READ"));

        assertThat(run("delta").getInt("imported")).isEqualTo(3);
        assertThat(box.messages("inbox")).hasSize(3).allMatch(StoredMessage::read);

        box.deliver(TestMail.plain("delta", 4));
        box.delete(box.messages("inbox").get(1).immutableId());
        long deltaCalls = sim().requestLog()
                .count(r -> upn.equalsIgnoreCase(r.mailbox()) && "delta".equals(r.endpoint()));
        JsonPath second = run("delta");
        assertThat(second.getInt("imported")).isEqualTo(1);
        assertThat(second.getInt("failed")).isZero();
        assertThat(sim().requestLog().count(r -> upn.equalsIgnoreCase(r.mailbox()) && "delta".equals(r.endpoint())))
                .as("second round reads one delta page").isEqualTo(deltaCalls + 1);

        sim().mail().expireSyncState(upn);
        box.deliver(TestMail.plain("delta", 5));
        JsonPath third = run("delta");
        assertThat(third.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(third.getInt("imported")).isEqualTo(1);
        assertThat(messagesOf("delta")).hasSize(5);
    }

    @Test
    void noneLeavesMessagesAndImportsOnlyNewOnes() {
        String upn = "none@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, List.of(TestMail.plain("none", 1), TestMail.plain("none", 2)));
        createMailbox(account("none", upn, "NONE"));
        assertThat(run("none").getInt("imported")).isEqualTo(2);
        assertThat(box.messages("inbox")).hasSize(2).noneMatch(StoredMessage::read);
        box.deliver(TestMail.plain("none", 3));
        JsonPath second = run("none");
        assertThat(second.getInt("imported")).isEqualTo(1);
        assertThat(second.getInt("duplicates")).isZero();
    }

    @Test
    void duplicateMessageIdInTheFolderIsImportedOnce() {
        String upn = "dupid@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, List.of(TestMail.plain("dupid", 1), TestMail.plain("dupid", 1)));
        createMailbox(account("dupid", upn, "MOVE"));
        JsonPath result = run("dupid");
        assertThat(result.getInt("imported")).isEqualTo(1);
        assertThat(result.getInt("duplicates")).isEqualTo(1);
        assertThat(box.messages("inbox")).isEmpty();
        assertThat(messagesOf("dupid")).hasSize(1);
    }

    @Test
    void crashBetweenStoreAndActionAppliesTheActionNextRun() {
        String upn = "crash@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, List.of(TestMail.plain("crash", 1), TestMail.plain("crash", 2), TestMail.plain("crash", 3)));
        Map<String, Object> body = account("crash", upn, "MOVE");
        body.put("moveToFolder", "Archive/Done");
        createMailbox(body);
        AtomicBoolean crashed = new AtomicBoolean();
        QuarkusMock.installMockForType(new ImportCheckpoints() {
            @Override
            public void afterStore(String mailboxId, String graphId) {
                if ("crash".equals(mailboxId) && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        }, ImportCheckpoints.class);

        JsonPath first = run("crash");
        assertThat(first.getString("status")).isEqualTo("FAILED");
        assertThat(first.getString("errorCode")).isEqualTo("INTERNAL_ERROR");
        assertThat(first.getInt("imported")).isGreaterThanOrEqualTo(1);
        assertThat(box.messages("inbox")).as("the crashed message was not moved").isNotEmpty();

        JsonPath second = run("crash");
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(second.getInt("failed")).isZero();
        // Which parallel workers finished their action before the crash varies; the crashed one never did.
        assertThat(second.getInt("actionsApplied")).isGreaterThanOrEqualTo(1);
        assertThat(box.messages("inbox")).isEmpty();
        assertThat(box.messages("Archive/Done")).hasSize(3);
        assertThat(messagesOf("crash")).hasSize(3);
        assertThat(store.pendingActions("crash")).isEmpty();
    }

    @Test
    void throttlingStormsAnd5xxAreRetriedNeverEarly() {
        String upn = "storm@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, TestMail.plain("storm", 0, 12));
        createMailbox(account("storm", upn, "MOVE"));
        // Eight failures in a row: the first request survives them all (importer.graph.max-retries = 8).
        sim().mail().faults().throttleNext(upn, 3, RetryAfter.seconds(1))
                .throttleNext(upn, 1, RetryAfter.httpDate(Duration.ofSeconds(2)))
                .throttleNext(upn, 1, RetryAfter.missing()).failNext(upn, 1, 503).failNext(upn, 1, 504)
                .dropNext(upn, 1);
        long earlyBefore = sim().requestLog().earlyRetries();

        JsonPath result = run("storm");

        assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(result.getInt("imported")).isEqualTo(12);
        assertThat(sim().mail().faults().pending(upn)).isZero();
        assertThat(sim().requestLog().earlyRetries()).isEqualTo(earlyBefore);
        assertThat(box.messages("Imported")).hasSize(12);
    }

    @Test
    void concurrencyLimitBelowOursGivesRealThrottlingWithoutEarlyRetries() {
        String upn = "narrow@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, TestMail.plain("narrow", 0, 40));
        createMailbox(account("narrow", upn, "MOVE"));
        Throttle.Limits limits = sim().mail().throttle().limits();
        long throttled = sim().requestLog().count(r -> upn.equalsIgnoreCase(r.mailbox()) && r.status() == 429);
        long early = sim().requestLog().earlyRetries();
        // Graph allows this app only 2 concurrent requests on the mailbox; the importer runs 4.
        sim().mail().throttle().limits(new Throttle.Limits(2, limits.requestsPerWindow(), limits.window()));
        sim().mail().faults().slowNext(upn, 30, Duration.ofMillis(300));
        try {
            JsonPath result = run("narrow");
            assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(result.getInt("imported")).isEqualTo(40);
        } finally {
            sim().mail().throttle().limits(limits);
        }
        assertThat(sim().requestLog().count(r -> upn.equalsIgnoreCase(r.mailbox()) && r.status() == 429))
                .as("the simulator did throttle").isGreaterThan(throttled);
        // Requests already in the air when Graph first refused cannot be called back: at most our concurrency - 1
        // of them. After that the session runs below Graph's limit and nothing is early any more.
        assertThat(sim().requestLog().earlyRetries() - early).isLessThanOrEqualTo(3);
        assertThat(box.messages("Imported")).hasSize(40);
    }

    @Test
    void expiredTokenIsRefreshedOnceAndTheRunGoesOn() {
        String upn = "expiry@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, List.of(TestMail.plain("expiry", 1), TestMail.plain("expiry", 2)));
        createMailbox(account("expiry", upn, "MOVE"));
        assertThat(run("expiry").getInt("imported")).isEqualTo(2);
        int issued = SimulatorResource.credentials().issued();
        int reported = SimulatorResource.credentials().rejectedFingerprints().size();
        String refused = SimulatorResource.credentials().current(SimulatorResource.CREDENTIAL);
        long rejected = sim().requestLog().count(r -> "graph".equals(r.protocol()) && r.status() == 401);
        box.deliver(TestMail.plain("expiry", 3));
        // The cached token still looks valid to the service, but Graph's clock says it expired.
        sim().clock().advance(Duration.ofHours(3));
        try {
            JsonPath result = run("expiry");
            assertThat(result.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(result.getInt("imported")).isEqualTo(1);
            // The broker answers its cached token until told which one Graph refused: one report, one new token.
            assertThat(SimulatorResource.credentials().issued()).isEqualTo(issued + 1);
            assertThat(SimulatorResource.credentials().rejectedFingerprints()).hasSize(reported + 1).last()
                    .isEqualTo(FakeCredentialService.sha256(refused));
            assertThat(sim().requestLog().count(r -> "graph".equals(r.protocol()) && r.status() == 401))
                    .as("Graph said 401 once, then the fresh token worked").isEqualTo(rejected + 1);
        } finally {
            sim().clock().reset();
        }
    }

    @Test
    void oversizeMessagesAreMovedAsideAndReported() {
        String upn = "oversize@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        byte[] big = (new String(TestMail.plain("oversize", 1)) + "x".repeat(5000)).getBytes();
        seed(box, List.of(big, TestMail.plain("oversize", 2)));
        Map<String, Object> body = account("oversize", upn, "MOVE");
        body.put("maxMessageBytes", 2000);
        body.put("oversizeFolder", "TooBig");
        createMailbox(body);
        JsonPath result = run("oversize");
        assertThat(result.getInt("imported")).isEqualTo(1);
        assertThat(result.getInt("tooLarge")).isEqualTo(1);
        assertThat(result.getString("reason")).contains("maxMessageBytes").contains("TooBig");
        assertThat(box.messages("TooBig")).hasSize(1);
        assertThat(messagesOf("oversize")).hasSize(1);
    }

    @Test
    void mailboxErrorsAreSpecific() {
        String upn = "errors@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, List.of(TestMail.plain("errors", 1)));

        Map<String, Object> wrongFolder = account("wrong-folder", upn, "MOVE");
        wrongFolder.put("folder", "Inbox/Nope");
        createMailbox(wrongFolder);
        JsonPath folder = run("wrong-folder");
        assertThat(folder.getString("status")).isEqualTo("FAILED");
        assertThat(folder.getString("errorCode")).isEqualTo("FOLDER_NOT_FOUND");
        assertThat(folder.getString("reason")).contains("Inbox/Nope");

        Map<String, Object> denied = account("denied", upn, "MOVE");
        denied.put("credentialId", SimulatorResource.POWERLESS);
        denied.put("folder", "archive");
        createMailbox(denied);
        JsonPath access = run("denied");
        assertThat(access.getString("errorCode")).isEqualTo("ACCESS_DENIED");
        assertThat(access.getString("reason")).contains("Mail.ReadWrite");

        createMailbox(account("ghost", "ghost@contoso.onmicrosoft.com", "MOVE"));
        assertThat(run("ghost").getString("errorCode")).isEqualTo("MAILBOX_NOT_FOUND");

        String restUpn = "norest@contoso.onmicrosoft.com";
        mailbox(restUpn);
        createMailbox(account("norest", restUpn, "MOVE"));
        sim().mail().faults().restEnabled(restUpn, false);
        try {
            assertThat(run("norest").getString("errorCode")).isEqualTo("MAILBOX_NOT_ENABLED_FOR_REST");
        } finally {
            sim().mail().faults().restEnabled(restUpn, true);
        }
        assertThat(box.messages("inbox")).hasSize(1);
    }

    @Test
    void revokedConsentIsReportedWithTheConsentUrl() {
        String upn = "revoked@contoso.onmicrosoft.com";
        mailbox(upn);
        FakeCredentialService broker = SimulatorResource.credentials();
        broker.credential("revoked", sim().tenant(SimulatorResource.TENANT).app(SimulatorResource.CLIENT_ID));
        broker.mode("revoked", FakeCredentialService.Mode.CONSENT_REQUIRED);
        Map<String, Object> body = account("revoked", upn, "MOVE");
        body.put("credentialId", "revoked");
        createMailbox(body);
        JsonPath result = run("revoked");
        assertThat(result.getString("status")).isEqualTo("FAILED");
        assertThat(result.getString("errorCode")).isEqualTo("CONSENT_REQUIRED");
        assertThat(result.getString("reason")).contains("AADSTS65001")
                .contains("https://broker.example/consent/revoked").doesNotContain("eyJ");
        broker.mode("revoked", FakeCredentialService.Mode.UNAVAILABLE);
        assertThat(run("revoked").getString("errorCode")).isEqualTo("CREDENTIAL_SERVICE_UNAVAILABLE");
    }

    @Test
    void twoInstancesImportingTheSameMailboxStoreEachMessageOnce() {
        String upn = "race@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        seed(box, TestMail.plain("race", 0, 60));
        createMailbox(account("race", upn, "MOVE"));

        // Two "replicas": the same bean with different lease holders, as two processes on one database would be.
        List<CompletableFuture<MailboxResult>> racers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String holder = "replica-" + i + "/" + UUID.randomUUID();
            racers.add(CompletableFuture.supplyAsync(() -> runner.importWithLease(null, "race", holder)));
        }
        String restRun = as("trigger").post("/api/mailboxes/race/imports").then().statusCode(202).extract()
                .path("runId");
        List<MailboxResult> results = racers.stream().map(CompletableFuture::join).toList();
        JsonPath viaApi = Api.awaitRun(restRun).setRootPath("mailboxes[0]");

        int imported = results.stream().mapToInt(MailboxResult::imported).sum() + viaApi.getInt("imported");
        assertThat(imported).isEqualTo(60);
        Set<String> codes = results.stream().map(MailboxResult::errorCode).filter(c -> c != null)
                .map(FailureCode::name).collect(Collectors.toSet());
        assertThat(codes).isSubsetOf(Set.of("LEASE_HELD"));
        assertThat(messagesOf("race")).hasSize(60);
        assertThat(box.messages("Imported")).hasSize(60);
    }
}
