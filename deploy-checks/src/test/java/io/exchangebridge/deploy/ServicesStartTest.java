package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.testing.EmbeddedPostgres;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

/**
 * Starts each service's packaged jar with exactly the environment its Deployment in the dev overlay gives it — the
 * ConfigMap and the Secrets made from the committed templates, filled in as a user would — and checks that it becomes
 * ready and that the users of the templates work across services. Only what a pod has and a shared host has not is
 * mapped: the Service names to localhost, fixed ports to free ones, the mounted Secret file to a local file.
 */
class ServicesStartTest {

    /** The one password the filled-in templates use, for every user, database and key store. */
    private static final String PASSWORD = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

    private static EmbeddedPostgres postgres;
    private static ExchangeSimulator simulator;
    private static Rendered rendered;
    private static Path work;
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        work = Files.createDirectories(Path.of("target", "services-start").toAbsolutePath());
        Path keyStore = work.resolve("listener.p12");
        Files.deleteIfExists(keyStore);
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias",
                "relay", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-storetype", "PKCS12", "-dname",
                "CN=smtp-service", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        // The simulator's key and the services' trust store, made as deploy/README.md says.
        for (String file : List.of("simulator.p12", "simulator.crt", "simulator-trust.p12")) {
            Files.deleteIfExists(work.resolve(file));
        }
        for (List<String> command : SimulatorTlsTest.readmeKeytoolCommands()) {
            SimulatorTlsTest.keytool(command,
                    Map.of("SIM_KEY_STORE_PASSWORD", PASSWORD, "SIM_TRUST_STORE_PASSWORD", PASSWORD), work);
        }
        rendered = Rendered.of("dev", Kustomize.render("dev", ServicesStartTest::fillIn, Map.of("listener.p12",
                Files.readAllBytes(keyStore), "simulator.p12", Files.readAllBytes(work.resolve("simulator.p12")),
                "simulator-trust.p12", Files.readAllBytes(work.resolve("simulator-trust.p12")))));
        Map<String, String> simulatorEnv = OverlayTest.environment(rendered, rendered.get(Deployment.class,
                "exchange-simulator").getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(simulatorEnv.get("SIM_KEY_STORE")).endsWith("/simulator.p12");
        simulator = ExchangeSimulator.builder().keyStore(work.resolve("simulator.p12"),
                simulatorEnv.get("SIM_KEY_STORE_PASSWORD")).seed(DemoTenant::seed).start();

        postgres = EmbeddedPostgres.start();
        Map<String, String> postgresSecret = rendered.dataOf("Secret",
                rendered.get(StatefulSet.class, "postgres")
                        .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                        .filter(e -> e.getName().equals("POSTGRES_PASSWORD")).findFirst().orElseThrow().getValueFrom()
                        .getSecretKeyRef().getName());
        // What deploy/overlays/dev/postgres-init.sh does at the first start of the StatefulSet.
        try (Connection c = postgres.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            for (String db : List.of("credential", "importer", "relay")) {
                String password = postgresSecret.get(db.toUpperCase() + "_DB_PASSWORD");
                s.execute("CREATE ROLE " + db + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                s.execute("CREATE DATABASE " + db + " OWNER " + db);
            }
        }
        for (String service : Manifests.SERVICES) {
            PORTS.put(service, freePort());
        }
        PORTS.put("smtp-listener", freePort());
        for (String service : Manifests.SERVICES) {
            PROCESSES.add(start(service, keyStore));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Process p : PROCESSES) {
            p.destroy();
        }
        for (Process p : PROCESSES) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void everyServiceBecomesReadyAndKnowsItsUsers() throws Exception {
        for (String service : Manifests.SERVICES) {
            awaitReady(service);
            assertThat(get(service, "/q/metrics", null).statusCode()).as(service + " without a user").isEqualTo(401);
            assertThat(get(service, "/q/metrics", "admin").statusCode()).as(service + " as admin").isEqualTo(200);
        }
        assertThat(get("credential-service", "/api/credentials", "admin").statusCode()).isEqualTo(200);
    }

    @Test
    void theCronJobsCredentialsStartAnImport() throws Exception {
        awaitReady("import-service");
        Map<String, String> trigger = rendered.dataOf("Secret",
                rendered.get(CronJob.class,
                        "import-trigger").getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()
                        .get(0)
                        .getEnv().stream().filter(e -> e.getName().equals("TRIGGER_USER")).findFirst().orElseThrow()
                        .getValueFrom().getSecretKeyRef().getName());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("import-service", "/api/imports"))
                .header("Authorization", basic(trigger.get("username"), trigger.get("password")))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void theTokenClientsSignInAtTheCredentialService() throws Exception {
        awaitReady("credential-service");
        for (String client : List.of("importer", "relay")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("credential-service",
                    "/api/credentials/no-such-credential/token")).header("Authorization", basic(client, PASSWORD))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"resource\":\"graph\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // Signed in with the token-client role: the answer is about the credential, not about the caller.
            assertThat(response.statusCode()).as(client + ": " + response.body()).isEqualTo(404);
        }
    }

    @Test
    void theRestSendersAllowedAddressesComeFromTheSecret() throws Exception {
        awaitReady("smtp-service");
        // Allowed for "app" by RELAY_API_SENDERS_APP_ALLOWED_SENDERS, but no route yet: 422, not 403.
        assertThat(sendAsApp("alice@contoso.onmicrosoft.com").statusCode()).isEqualTo(422);
        assertThat(sendAsApp("someone@fabrikam.example").statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> sendAsApp(String from) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("smtp-service", "/api/messages"))
                .header("Authorization", basic("app", PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from
                        + "\",\"to\":[\"bob@contoso.onmicrosoft.com\"],\"subject\":\"s\",\"text\":\"t\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenClientGetsATokenThatTheCredentialServiceFetchedFromTheSimulatorOverTls() throws Exception {
        awaitReady("credential-service");
        // No authority host: the overlay's default, https://exchange-simulator:9443, verified with its trust store.
        String credential = """
                {"id": "demo-app", "grantType": "client_credentials", "tenantId": "%s", "clientId": "%s",
                 "clientAuthentication": "secret", "clientSecret": "%s", "scopes": {"graph": []}}"""
                .formatted(DemoTenant.DOMAIN, DemoTenant.CLIENT_ID, DemoTenant.CLIENT_SECRET);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(url("credential-service", "/api/credentials"))
                .header("Authorization", basic("admin", PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credential)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(url("credential-service",
                "/api/credentials/demo-app/token")).header("Authorization", basic("importer", PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resource\":\"graph\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("\"accessToken\"");
    }

    @Test
    void theAdminUiListsTheOtherServicesWithTheTemplatesUsers() throws Exception {
        for (String service : Manifests.SERVICES) {
            awaitReady(service);
        }
        for (String page : List.of("/ui/mailboxes", "/ui/routes")) {
            HttpResponse<String> response = get("credential-service", page, "admin");
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            // Configured (no "Not connected" card) and answered (no error notice: wrong user, role or address).
            assertThat(response.body()).as(page).doesNotContain("id=\"not-configured\"", "id=\"peer-error\"");
        }
    }

    @Test
    void theSmtpListenerGreetsWithTheConfiguredCertificateStore() throws Exception {
        awaitReady("smtp-service");
        try (Socket socket = new Socket("localhost", PORTS.get("smtp-listener"));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII))) {
            socket.setSoTimeout(10_000);
            assertThat(in.readLine()).startsWith("220 ");
        }
    }

    private static Process start(String service, Path keyStore) throws IOException {
        Container container = rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        Map<String, String> env = new LinkedHashMap<>(OverlayTest.environment(rendered, container));
        env.replaceAll((name, value) -> localhost(value));
        if (env.containsKey("RELAY_SMTP_PORT")) {
            env.put("RELAY_SMTP_PORT", String.valueOf(simulator.smtpPort()));
        }
        env.put("QUARKUS_HTTP_PORT", String.valueOf(PORTS.get(service)));
        if (service.equals("smtp-service")) {
            env.put("RELAY_LISTENER_PORT", String.valueOf(PORTS.get("smtp-listener")));
            assertThat(env.get("RELAY_LISTENER_KEY_STORE")).endsWith("/listener.p12");
            env.put("RELAY_LISTENER_KEY_STORE", keyStore.toString());
        }
        Path jar = Manifests.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("package " + service + " first").exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        // The native image takes system properties from its args; the JVM from its options. $(VAR) as the kubelet.
        for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
            assertThat(arg).startsWith("-D");
            String expanded = arg;
            for (Map.Entry<String, String> e : env.entrySet()) {
                expanded = expanded.replace("$(" + e.getKey() + ")", e.getValue());
            }
            command.add(localhost(expanded));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(service + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * A pod reaches the other services, PostgreSQL and the simulator by their Service names (the simulator's
     * certificate names localhost too); here they are on localhost. The mounted trust store is the local file.
     */
    private static String localhost(String value) {
        String mapped = value.replace("//postgres:5432/", "//localhost:" + postgres.port() + "/")
                .replace("exchange-simulator:9443", "localhost:" + simulator.httpsPort())
                .replace("/etc/exchange-bridge/simulator-trust/simulator-trust.p12",
                        work.resolve("simulator-trust.p12").toString());
        if (mapped.equals("exchange-simulator")) {
            mapped = "localhost";
        }
        for (String service : Manifests.SERVICES) {
            if (mapped.equals("http://" + service)) {
                mapped = "http://localhost:" + PORTS.get(service);
            }
        }
        return mapped;
    }

    /** Fills a template line in as deploy/README.md tells users to: digests, keys and passwords. */
    static String fillIn(String line) {
        int eq = line.indexOf('=');
        if (line.startsWith("#") || eq < 0) {
            return line;
        }
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        if (!value.startsWith("replace-me")) {
            return line;
        }
        if (value.equals("replace-me-with-openssl-rand-base64-32")) {
            byte[] aesKey = new byte[32];
            new SecureRandom().nextBytes(aesKey);
            return key + "=" + Base64.getEncoder().encodeToString(aesKey);
        }
        if (value.equals("replace-me-with-sha512-hex")) {
            String user = key.startsWith("RELAY_LISTENER_USERS_")
                    ? key.substring("RELAY_LISTENER_USERS_".length(), key.length() - "_PASSWORD_HASH".length())
                    : key.substring("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_".length());
            return key + "=" + sha512(user.toLowerCase() + ":Quarkus:" + PASSWORD);
        }
        return key + "=" + PASSWORD;
    }

    private static void awaitReady(String service) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        int status = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                status = get(service, "/q/health/ready", null).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                service + " not ready (last status " + status + "), see " + work.resolve(service + ".log"));
    }

    private static HttpResponse<String> get(String service, String path, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(service, path)).timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", basic(user, PASSWORD));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String service, String path) {
        return URI.create("http://localhost:" + PORTS.get(service) + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha512(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("keytool.log").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("keytool.log"))).isZero();
    }
}
