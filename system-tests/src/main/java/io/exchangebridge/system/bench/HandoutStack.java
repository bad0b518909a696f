package io.exchangebridge.system.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.system.ApiClient;
import io.exchangebridge.system.BridgeSetup;
import io.exchangebridge.system.ServiceProcess;
import io.exchangebridge.system.StackSecrets;

/**
 * What {@code bench/token-handout.sh} measures against: PostgreSQL with production durability ({@link BenchPostgres}),
 * the exchange-simulator (in this process) and one packaged credential-service in its own process with the JVM's
 * default flags. It registers a client-credentials credential, fetches its Graph token once (the only Entra call),
 * writes what the load client needs into {@code <home>/handout.env} and {@code <home>/handout.json} (the answer, for
 * nginx to serve), then runs until SIGTERM.
 *
 * <p> Arguments: {@code --home DIR} (required), {@code --app DIR} (a {@code quarkus-app} folder, default the module's
 * build), {@code --jvm "OPTIONS"} (extra JVM options of the service, e.g. a flight recording).
 */
public final class HandoutStack {

    static final String CREDENTIAL_ID = "bench-app";
    static final String CLIENT = BenchServices.IMPORT_CLIENT;

    private HandoutStack() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = BenchArgs.parse(args, List.of("home", "app", "jvm"));
        Path home = Path.of(BenchArgs.required(options, "home")).toAbsolutePath();
        Path app = Path.of(options.getOrDefault("app", "credential-service/target/quarkus-app")).toAbsolutePath();
        List<String> jvm = options.containsKey("jvm") ? List.of(options.get("jvm").trim().split("\\s+")) : List.of();

        List<AutoCloseable> opened = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = opened.size() - 1; i >= 0; i--) {
                BenchArgs.closeQuietly(opened.get(i));
            }
            stopped.countDown();
        }, "handout-stack-stop"));

        StackSecrets secrets = StackSecrets.loadOrCreate(home.resolve("secrets.properties"));
        BenchPostgres postgres = BenchPostgres.start(home.resolve("postgres"));
        opened.add(postgres);
        ExchangeSimulator simulator = ExchangeSimulator.builder().seed(DemoTenant::seed).start();
        opened.add(simulator);
        Path trustStore = simulator.writeTrustStore(home.resolve("simulator-trust.p12"));

        int port = BenchArgs.freePort();
        ServiceProcess credential = new ServiceProcess("credential-service", app.resolve("quarkus-run.jar"),
                home.resolve("credential-service"), port,
                new BenchServices(postgres, simulator, trustStore, secrets).credential(port), jvm);
        opened.add(credential);
        credential.start();
        credential.awaitReady(Duration.ofMinutes(3));

        ApiClient admin = new ApiClient(credential.baseUrl(), "admin", secrets.get("credential-admin"));
        BridgeSetup.registerAppCredential(admin, CREDENTIAL_ID);
        ApiClient client = new ApiClient(credential.baseUrl(), CLIENT, secrets.get("import-service-client"));
        String path = "/api/credentials/" + CREDENTIAL_ID + "/token";
        byte[] answer = client.postJson(path, Map.of("resource", "graph")).expect(200).body();
        Files.write(home.resolve("handout.json"), answer);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVICE_URL", credential.baseUrl());
        env.put("SERVICE_PID", String.valueOf(BenchArgs.childPid(app.resolve("quarkus-run.jar"))));
        env.put("TOKEN_PATH", path);
        env.put("BASIC_USER", CLIENT);
        env.put("BASIC_PASSWORD", secrets.get("import-service-client"));
        env.put("BEARER_TOKEN", bearerToken(simulator));
        env.put("SIM_URL", simulator.httpBaseUrl());
        env.put("SIM_PID", String.valueOf(ProcessHandle.current().pid()));
        env.put("POSTGRES_PID", String.valueOf(postgres.pid()));
        env.put("POSTGRES_SETTINGS", postgres.settings());
        env.put("SERVICE_LOG", credential.log().toString());
        BenchArgs.writeEnv(home.resolve("handout.env"), env);
        System.out.println("ready");
        stopped.await();
    }

    /** An Entra access token of the import-service's app for this API, from the simulator's token endpoint. */
    private static String bearerToken(ExchangeSimulator simulator) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + enc(DemoTenant.IMPORT_CLIENT_ID) + "&client_secret="
                + enc(DemoTenant.IMPORT_CLIENT_SECRET) + "&scope=" + enc(DemoTenant.API_SCOPE);
        HttpClient http = HttpClient.newBuilder().sslContext(simulator.clientSslContext()).build();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(simulator.tokenEndpoint(DemoTenant.DOMAIN)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The simulator refused the bench's API token: " + answer.statusCode());
        }
        return new ObjectMapper().readTree(answer.body()).get("access_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
