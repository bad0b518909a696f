package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.simulator.DemoTenant;

/**
 * One stack for every system test of this JVM: two processes of each service on one PostgreSQL, started once (about
 * half a minute) and reused. Each test works on its own mailboxes and credentials, and a test that kills a process
 * restarts it before it ends. Settings that the fault tests need short (leases, claims, backoffs) are shortened here
 * for all tests alike; everything else is the production default.
 */
final class SharedStack {

    private static BridgeStack stack;
    private static OtlpReceiver otlp;
    /** Tokens and other secrets tests came across: none may appear in an answer or a log. */
    /** The Entra client id of BearerTokensIT's internal reader, limited to the mailbox account bearer-read. */
    static final String SCOPED_READER_ID = "00000000-0000-4000-8000-0000000a00b1";

    private static final Set<String> KNOWN_SECRETS = ConcurrentHashMap.newKeySet();

    private SharedStack() {
    }

    static synchronized BridgeStack get() {
        if (stack == null) {
            Path home;
            try {
                home = Files.createTempDirectory("exchange-bridge-system");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            otlp = OtlpReceiver.start();
            BridgeStack.Options options = new BridgeStack.Options(home).instances(2);
            for (String service : List.of(BridgeStack.CREDENTIAL, BridgeStack.IMPORTER, BridgeStack.RELAY)) {
                // every service exports its spans to the receiver, configured as deploy/README.md tells operators
                options.config(service, "quarkus.otel.exporter.otlp.endpoint", otlp.endpoint())
                        .config(service, "quarkus.otel.exporter.otlp.protocol", "http/protobuf")
                        .config(service, "quarkus.otel.bsp.schedule.delay", "PT0.5S");
            }
            stack = BridgeStack.start(options
                    .progress(line -> System.out.println("[stack] " + line))
                    // a crashed holder's lease / claim is taken over sooner than in production (5 minutes)
                    .config(BridgeStack.IMPORTER, "importer.run.lease-duration", "PT10S")
                    .config(BridgeStack.RELAY, "relay.outbox.claim-timeout", "PT15S")
                    // retries come quickly, so that outages of a few seconds are over within a test
                    .config(BridgeStack.IMPORTER, "importer.graph.backoff-base", "PT0.2S")
                    .config(BridgeStack.IMPORTER, "importer.graph.backoff-max", "PT2S")
                    .config(BridgeStack.RELAY, "relay.outbox.initial-backoff", "PT1S")
                    .config(BridgeStack.RELAY, "relay.outbox.max-backoff", "PT3S")
                    .config(BridgeStack.CREDENTIAL, "credential.token.transient-retry-after", "PT2S")
                    // the console's calls to the other services: on two loaded CI cores a first answer (a folder
                    // listing through Graph) can take longer than the 5 s a person is made to wait in production
                    .config(BridgeStack.CREDENTIAL, "credential.ui.import-service.timeout", "30S")
                    .config(BridgeStack.CREDENTIAL, "credential.ui.smtp-service.timeout", "30S")
                    .config(BridgeStack.IMPORTER, "importer.readers.\"" + SCOPED_READER_ID + "\".mailboxes",
                            "bearer-read"));
            BridgeStack started = stack;
            OtlpReceiver receiver = otlp;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                receiver.close();
                BridgeStack.deleteRecursively(started.home());
            }, "system-stack-stop"));
            KNOWN_SECRETS.add(DemoTenant.CLIENT_SECRET);
            KNOWN_SECRETS.add(DemoTenant.IMPORT_CLIENT_SECRET);
            KNOWN_SECRETS.add(DemoTenant.SMTP_CLIENT_SECRET);
            KNOWN_SECRETS.addAll(stack.secrets().all());
        }
        return stack;
    }

    /** The spans the stack's services exported. */
    static OtlpReceiver spans() {
        get();
        return otlp;
    }

    static void rememberSecret(String secret) {
        KNOWN_SECRETS.add(secret);
    }

    static Set<String> knownSecrets() {
        return Set.copyOf(KNOWN_SECRETS);
    }

    /** No known secret in anything any service process wrote. */
    static void assertNoSecretsInLogs() {
        for (ServiceProcess process : get().processes()) {
            String log = process.logText();
            assertThat(log).as("log of %s", process.name()).isNotEmpty();
            for (String secret : KNOWN_SECRETS) {
                assertThat(log).as("log of %s must not contain a secret", process.name()).doesNotContain(secret);
            }
        }
    }

    /** The token client the import-service uses, for tests that fetch tokens themselves. */
    static ApiClient tokenClient(int credentialIndex) {
        return new ApiClient(get().credential(credentialIndex).baseUrl(), BridgeStack.IMPORTER,
                get().secrets().get("import-service-client"));
    }

    static List<ServiceProcess> processes() {
        return get().processes();
    }
}
