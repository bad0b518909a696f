package io.exchangebridge.smtp.restart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;

/**
 * Two packaged relays ({@code target/quarkus-app/quarkus-run.jar}, separate processes) on one PostgreSQL: mail is
 * accepted by both while the credential-service is down and slow, one is killed with SIGKILL while it holds claims,
 * restarted, and every message reaches the simulated Exchange exactly once.
 */
class KillAndRestartIT {

    static final String T = RelayTestResource.TENANT;
    static final int PER_INSTANCE = 25;
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    static PostgresTestResource postgres = new PostgresTestResource();
    static RelayTestResource relay = new RelayTestResource();
    static Map<String, String> config = new HashMap<>();
    static final List<Process> processes = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void infrastructure() {
        config.putAll(postgres.start());
        config.putAll(relay.start());
        config.put("quarkus.profile", "test");
        config.put("relay.listener.enabled", "false");
        config.put("relay.pacing.messages-per-minute", "0");
        // one message per claim; claims are renewed while their holder lives: a retaken claim means its holder died
        config.put("relay.outbox.batch-size", "1");
        config.put("relay.outbox.claim-timeout", "PT10S");
        RelayTestResource.sim().tenant(T).user("restart@" + T);
    }

    @AfterAll
    static void stop() {
        processes.forEach(Process::destroyForcibly);
        RelayTestResource.FAIL_STATUS.set(0);
        RelayTestResource.TOKEN_DELAY.set(Duration.ZERO);
        relay.stop();
        postgres.stop();
    }

    /** Starts the packaged relay and waits until it is ready; answers its base URL. */
    private static Instance start(String name) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        Path log = Path.of("target", "kill-restart-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        String base = "http://localhost:" + port;
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertTrue(process.isAlive(), () -> name + " exited: " + read(log));
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return new Instance(process, base);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    record Instance(Process process, String base) {

        HttpResponse<String> post(String path, String user, String password, String json) throws Exception {
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Submits one message; answers its Message-ID. */
        String submit(int n) throws Exception {
            HttpResponse<String> r = post("/api/messages", "app", "test-sender-password", "{\"from\":\"restart@" + T
                    + "\",\"to\":[\"carol@example.com\"],\"subject\":\"restart " + n + "\",\"text\":\"n" + n + "\"}");
            assertEquals(202, r.statusCode(), r.body());
            Matcher m = Pattern.compile("\"messageId\":\"([^\"]+)\"").matcher(r.body());
            assertTrue(m.find(), r.body());
            return m.group(1);
        }
    }

    private static int count(String where) throws Exception {
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_message WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void killedInstanceLosesNothingAndNothingIsSentTwice() throws Exception {
        Instance a = start("a");
        Instance b = start("b");
        assertEquals(201, a.post("/api/routes", "admin", "test-admin-password", "{\"sender\":\"restart@" + T
                + "\",\"credentialId\":\"" + RelayTestResource.CREDENTIAL + "\",\"mailbox\":\"restart@" + T
                + "\",\"transport\":\"SMTP\"}").statusCode());

        // the credential-service is down and slow: mail is accepted, claimed, and not delivered
        RelayTestResource.TOKEN_DELAY.set(Duration.ofSeconds(2));
        RelayTestResource.FAIL_STATUS.set(503);
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < PER_INSTANCE; i++) {
            messageIds.add(a.submit(i));
            messageIds.add(b.submit(PER_INSTANCE + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'SENDING'") > 0);
        a.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, claims left behind
        a.process().waitFor();
        assertEquals(0, RelayTestResource.sim().smtp().outbox().all().size(), "nothing delivered before the kill");

        RelayTestResource.FAIL_STATUS.set(0);
        RelayTestResource.TOKEN_DELAY.set(Duration.ZERO);
        start("a-restarted");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("status = 'SENT'") == messageIds.size());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RelayTestResource.sim().smtp().outbox().all().size() >= messageIds.size());
        for (String id : messageIds) {
            assertEquals(1, RelayTestResource.sim().smtp().outbox().all().stream()
                    .filter(s -> id.equals(s.messageId())).count(), id);
        }
        assertEquals(messageIds.size(), RelayTestResource.sim().smtp().outbox().all().size());
    }
}
