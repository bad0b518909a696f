package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.testing.PromQl;

/**
 * The dashboards (deploy/grafana) and alert rules (deploy/components/prometheus-rules) against a real Prometheus
 * scraping the packaged services of the shared stack, after some traffic: a relayed message, an import throttled once
 * by Graph, an import whose credential has a wrong secret (three times, so that its alert fires). Every metric of
 * deploy/grafana/metrics.txt is exported by the service it names; every panel's query returns data; every rule
 * evaluates without error; and the alerts the traffic should raise are firing. Grafana itself is not installed here:
 * its panels are checked by their queries.
 */
class DashboardQueriesIT extends SystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String APP = "dash-app";
    private static final String BROKEN = "dash-broken";

    private static Prometheus prometheus;
    private static JsonNode ruleGroups;

    /** metric → its service, from deploy/grafana/metrics.txt; the pending ones (not merged yet) apart. */
    private static final Map<String, String> LISTED = new TreeMap<>();
    private static final Map<String, String> PENDING = new TreeMap<>();

    @BeforeAll
    static void prometheusScrapesTheStack() throws IOException {
        Path deploy = ProjectLayout.root().resolve("deploy");
        for (String line : Files.readAllLines(deploy.resolve("grafana/metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.trim().split("\\s+");
                (f.length > 2 && f[2].equals("pending") ? PENDING : LISTED).put(f[1], f[0]);
            }
        }
        ruleGroups = new YAMLMapper().readTree(deploy.resolve("components/prometheus-rules/prometheus-rules.yml")
                .toFile()).path("spec").path("groups");
        int instances = (int) stack.processes().stream().filter(p -> p.name().startsWith(BridgeStack.RELAY)).count();
        prometheus = Prometheus.start(stack.home().resolve("prometheus"), List.of(
                job(BridgeStack.CREDENTIAL, instances, stack::credential, "credential-admin"),
                job(BridgeStack.IMPORTER, instances, stack::importer, "import-admin"),
                job(BridgeStack.RELAY, instances, stack::relay, "relay-admin")), ruleGroups);
        BridgeSetup.await(() -> {
            JsonNode targets = prometheus.api("/api/v1/targets").path("activeTargets");
            return targets.size() == 3 * instances
                    && Stream.of(JSON.convertValue(targets, JsonNode[].class))
                            .allMatch(t -> "up".equals(t.path("health").asText())) ? Boolean.TRUE : null;
        }, WAIT, "every service instance to be scraped");
    }

    private static Prometheus.Job job(String service, int instances, IntFunction<ServiceProcess> instance,
            String secret) {
        return new Prometheus.Job(service, IntStream.range(0, instances).mapToObj(i -> instance.apply(i).baseUrl())
                .toList(), "admin", stack.secrets().get(secret));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** Mail relayed and imported, Graph throttling once, and a credential with a wrong secret failing an import. */
    private static void traffic() {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), APP);
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), BROKEN, DemoTenant.CLIENT_ID, "not-the-secret");
        String sender = "dash-relay@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, APP, sender, "SMTP");
        String id = stack.relaySender(1).postJson("/api/messages", Map.of("from", sender, "to",
                List.of(DemoTenant.BOB), "subject", "dashboards", "text", "counted")).expect(202).json().get("id")
                .asText();
        assertThat(BridgeSetup.awaitDelivered(stack.relaySender(0), id, WAIT).path("status").asText())
                .isEqualTo("SENT");

        String upn = "dash-import@" + DemoTenant.DOMAIN;
        Mailboxes.seeded(sim, upn, 1);
        BridgeSetup.addMailbox(stack.importAdmin(0), "dash-import", upn, APP, "MOVE");
        sim.mail().faults().throttleNext(upn, 1, RetryAfter.seconds(1));
        JsonNode run = BridgeSetup.awaitRun(stack.importAdmin(0),
                BridgeSetup.startImport(stack.importAdmin(0), "dash-import"), WAIT);
        assertThat(run.path("mailboxes").get(0).path("status").asText()).isEqualTo("SUCCEEDED");

        String failing = "dash-failing@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(failing);
        BridgeSetup.addMailbox(stack.importAdmin(0), "dash-failing", failing, BROKEN, "MOVE");
        for (int i = 0; i < 3; i++) {
            JsonNode failed = BridgeSetup.awaitRun(stack.importAdmin(i % 2),
                    BridgeSetup.startImport(stack.importAdmin(i % 2), "dash-failing"), WAIT);
            assertThat(failed.path("mailboxes").get(0).path("status").asText()).isEqualTo("FAILED");
        }
    }

    /** Every panel's expression, named by dashboard and panel. */
    private static Map<String, String> panelQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ProjectLayout.root().resolve("deploy/grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.put(
                        file.getFileName() + " / " + p.path("title").asText(), t.path("expr").asText())));
            }
        }
        return queries;
    }

    private static boolean pending(String expr) {
        return PromQl.metricNames(expr).stream().anyMatch(PENDING::containsKey);
    }

    @Test
    void everyMetricEveryPanelAndEveryRuleWorksOnTheRealServices() throws IOException {
        traffic();
        System.out.println("[dashboards] not checked until merged (deploy/grafana/metrics.txt \"pending\"): "
                + PENDING);

        // every metric listed is exported by the service that metrics.txt names
        LISTED.forEach((metric, service) -> BridgeSetup.await(
                () -> prometheus.query("count(" + metric + "{job=\"" + service + "\"})").size() == 1 ? metric : null,
                WAIT, metric + " on " + service + "'s /q/metrics"));

        // every panel's query answers data (the pending ones: at least they parse)
        Map<String, String> panels = panelQueries();
        assertThat(panels).hasSizeGreaterThan(20);
        panels.forEach((panel, expr) -> {
            if (pending(expr)) {
                prometheus.query(expr);
            } else {
                BridgeSetup.await(() -> prometheus.query(expr).isEmpty() ? null : expr, WAIT,
                        "data for panel " + panel + ": " + expr);
            }
        });

        // every rule is loaded and evaluates without error
        List<String> names = new ArrayList<>();
        ruleGroups.forEach(g -> g.path("rules").forEach(r -> names.add(r.path("alert").asText())));
        BridgeSetup.await(() -> {
            List<JsonNode> rules = new ArrayList<>();
            prometheus.api("/api/v1/rules").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
            boolean allEvaluated = rules.size() == names.size() && rules.stream()
                    .allMatch(r -> "ok".equals(r.path("health").asText()) && r.path("lastError").asText().isEmpty()
                            && !r.path("lastEvaluation").asText().startsWith("0001"));
            return allEvaluated ? Boolean.TRUE : null;
        }, WAIT, "every rule of " + names + " to evaluate without error");

        // the alerts this traffic should raise: the broken credential and its failing mailbox account
        Set<String> expected = Set.of("ExchangeBridgeCredentialNeedsAdministrator", "ExchangeBridgeImportFailing");
        BridgeSetup.await(() -> {
            List<String> active = new ArrayList<>();
            prometheus.api("/api/v1/alerts").path("alerts").forEach(a -> active.add(a.path("labels")
                    .path("alertname").asText()));
            return active.containsAll(expected) ? active : null;
        }, WAIT, "alerts " + expected + " to be pending or firing");
        assertThat(prometheus.query("max by (mailbox) (importer_mailbox_failures_consecutive) >= 3"))
                .extracting(s -> s.path("metric").path("mailbox").asText()).contains("dash-failing");
    }
}
