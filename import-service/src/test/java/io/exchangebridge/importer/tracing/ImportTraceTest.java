package io.exchangebridge.importer.tracing;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.awaitRun;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.RecordingSpanExporter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An import run's trace (issue 21): the job row keeps the traceparent of the request that queued the run, the worker
 * that takes the job continues it, and each imported message is a span of the job. No attribute carries a subject, an
 * address or content.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ImportTraceTest {

    private static final Pattern STORED = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

    @Inject
    RecordingSpanExporter spans;
    @Inject
    DataSource db;

    @Test
    void aRunsTraceCoversItsMailboxJobAndEachMessage() throws SQLException {
        String upn = "traced@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        MailboxStore box = SimulatorResource.sim().mail().mailbox(upn);
        box.deliver(TestMail.plain("traced", 1));
        box.deliver(TestMail.plain("traced", 2));
        createMailbox(Map.of("id", "traced", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                "afterImport", "NONE"));
        String traceId = "5b8efff798038103d269b633813fc60c";
        String callerSpan = "eee19b7ec3c1b174";
        String runId = as("trigger").header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .post("/api/mailboxes/traced/imports").then().statusCode(202).extract().path("runId");
        assertThat(awaitRun(runId).getInt("mailboxes[0].imported")).isEqualTo(2);

        Matcher stored = STORED.matcher(traceparentOf(runId));
        assertThat(stored.matches()).isTrue();
        assertThat(stored.group(1)).isEqualTo(traceId);
        SpanData request = spans.awaitSpan(s -> s.getSpanId().equals(stored.group(2)));
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getParentSpanId()).isEqualTo(callerSpan);

        SpanData job = spans.awaitSpan(s -> s.getName().equals("import mailbox")
                && runId.equals(s.getAttributes().get(ImportTraces.RUN_ID)));
        assertThat(job.getTraceId()).isEqualTo(traceId);
        assertThat(job.getParentSpanId()).isEqualTo(stored.group(2));
        assertThat(job.getAttributes().get(ImportTraces.MAILBOX_ID)).isEqualTo("traced");
        assertThat(job.getAttributes().get(ImportTraces.STATUS)).isEqualTo("SUCCEEDED");
        List<SpanData> messages = spans.ofTrace(traceId).stream().filter(s -> s.getName().equals("import message"))
                .toList();
        assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m.getParentSpanId()).isEqualTo(job.getSpanId()));

        assertThat(spans.ofTrace(traceId)).allSatisfy(s -> assertThat(s.getAttributes().asMap().values())
                .allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(upn, "Bearer", "traced message",
                        "Body of traced")));
    }

    private String traceparentOf(String runId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT traceparent FROM import_run_mailbox WHERE run_id = ?")) {
            s.setObject(1, UUID.fromString(runId));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
