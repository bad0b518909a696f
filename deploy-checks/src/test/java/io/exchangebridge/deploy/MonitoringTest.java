package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.exchangebridge.testing.PromQl;

/**
 * The opt-in monitoring: the dashboards component (deploy/grafana) and the alert rules component
 * (deploy/components/prometheus-rules) render with the prod overlay; the rules pass {@code promtool check rules} and
 * the alert unit tests of {@code prometheus-rules-test.yml} ({@code promtool test rules}); every alert says what to do;
 * every panel asks for the {@code datasource} variable; and every metric a panel or rule reads is in
 * deploy/grafana/metrics.txt, which system-tests' DashboardQueriesIT checks against the packaged services.
 */
class MonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path deploy() {
        return Manifests.root().resolve("deploy");
    }

    private static JsonNode rule() {
        List<JsonNode> rules = Kustomize.render("prod+prometheus-rules").stream()
                .filter(d -> "PrometheusRule".equals(d.path("kind").asText())).toList();
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    private static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        rule().path("spec").path("groups").forEach(g -> g.path("rules").forEach(alerts::add));
        return alerts;
    }

    private static Map<String, JsonNode> dashboards() throws IOException {
        Map<String, JsonNode> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(deploy().resolve("grafana"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                found.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
            }
        }
        return found;
    }

    /** The expressions of every panel and alert, each named by where it is. */
    static Map<String, String> expressions() throws IOException {
        Map<String, String> exprs = new TreeMap<>();
        dashboards().forEach((file, d) -> d.path("panels").forEach(p -> p.path("targets").forEach(
                t -> exprs.put(file + " / " + p.path("title").asText() + " / " + t.path("refId").asText(),
                        t.path("expr").asText()))));
        alerts().forEach(a -> exprs.put("alert " + a.path("alert").asText(), a.path("expr").asText()));
        return exprs;
    }

    /** Runs promtool with the arguments; the output when it fails. */
    private static void promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is needed for the alert rule checks: it comes with Debian's "
                    + "\"prometheus\" package (./run-tests.sh installs it; else apt-get install prometheus)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + output).isZero();
    }

    @Test
    void rulesAreValidAndTheirAlertsFireAsTested() throws Exception {
        Path dir = Files.createTempDirectory("rules-");
        JsonNode rendered = rule().path("spec").path("groups");
        YAMLMapper yaml = new YAMLMapper();
        Files.writeString(dir.resolve("exchange-bridge-rules.yml"),
                yaml.writeValueAsString(JSON.createObjectNode().set("groups", rendered)));
        JsonNode summaries = rendered.deepCopy();
        summaries.forEach(g -> g.path("rules").forEach(r -> ((ObjectNode) r.path("annotations"))
                .retain("summary")));
        Files.writeString(dir.resolve("exchange-bridge-rules-summaries.yml"),
                yaml.writeValueAsString(JSON.createObjectNode().set("groups", summaries)));
        try (var tests = MonitoringTest.class.getResourceAsStream("/prometheus-rules-test.yml")) {
            Files.write(dir.resolve("prometheus-rules-test.yml"), tests.readAllBytes());
        }
        promtool(dir, "check", "rules", "exchange-bridge-rules.yml");
        promtool(dir, "test", "rules", "prometheus-rules-test.yml");
    }

    @Test
    void everyAlertSaysWhatToDo() {
        List<JsonNode> alerts = alerts();
        assertThat(alerts).extracting(a -> a.path("alert").asText()).contains(
                "ExchangeBridgeCredentialNeedsAdministrator", "ExchangeBridgeSecretExpiring",
                "ExchangeBridgeImportFailing", "ExchangeBridgeOutboxMessageOld", "ExchangeBridgeDeliveriesFailing",
                "ExchangeBridgeRelayRefusingForDatabase", "ExchangeBridgeMailboxNearRecipientLimit");
        assertThat(alerts).allSatisfy(a -> {
            String name = a.path("alert").asText();
            assertThat(a.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
            assertThat(a.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(a.path("annotations").path("description").asText()).as(name).hasSizeGreaterThan(60);
            assertThat(a.path("annotations").path("runbook").asText()).as(name + " runbook").hasSizeGreaterThan(100);
        });
        assertThat(rule().path("metadata").path("name").asText()).isEqualTo("exchange-bridge");
    }

    @Test
    void dashboardsShipAsOneLabelledConfigMapAndAskForTheirDataSource() throws IOException {
        Map<String, JsonNode> dashboards = dashboards();
        assertThat(dashboards.keySet()).containsExactlyInAnyOrder("exchange-bridge-overview.json",
                "exchange-bridge-credential-service.json", "exchange-bridge-import-service.json",
                "exchange-bridge-smtp-service.json");
        List<JsonNode> maps = Kustomize.render("prod+grafana").stream()
                .filter(d -> "ConfigMap".equals(d.path("kind").asText())
                        && "exchange-bridge-dashboards".equals(d.path("metadata").path("name").asText()))
                .toList();
        assertThat(maps).hasSize(1);
        JsonNode map = maps.get(0);
        assertThat(map.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        Set<String> uids = new TreeSet<>();
        dashboards.forEach((file, d) -> {
            JsonNode shipped = readJson(map.path("data").path(file).asText());
            assertThat(shipped).as(file).isEqualTo(d);
            uids.add(d.path("uid").asText());
            JsonNode variable = d.path("templating").path("list").get(0);
            assertThat(variable.path("name").asText()).as(file).isEqualTo("datasource");
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
            assertThat(d.path("panels")).as(file).isNotEmpty();
            d.path("panels").forEach(p -> {
                assertThat(p.path("datasource").path("uid").asText()).as(file + " " + p.path("title"))
                        .isEqualTo("${datasource}");
                assertThat(p.path("targets")).as(file + " " + p.path("title")).isNotEmpty();
                p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            });
        });
        assertThat(uids).hasSize(dashboards.size());
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void everyMetricReadIsOneTheServicesExport() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(deploy().resolve("grafana").resolve("metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] fields = line.trim().split("\\s+");
                assertThat(fields[0]).as(line).isIn("credential-service", "import-service", "smtp-service");
                listed.add(fields[1]);
            }
        }
        Set<String> read = new TreeSet<>();
        expressions().forEach((where, expr) -> {
            Set<String> names = PromQl.metricNames(expr);
            assertThat(names).as(where + ": " + expr).isNotEmpty();
            assertThat(listed).as(where + ": " + expr).containsAll(names);
            read.addAll(names);
        });
        assertThat(read).as("every metric listed is read somewhere").containsExactlyInAnyOrderElementsOf(listed);
    }
}
