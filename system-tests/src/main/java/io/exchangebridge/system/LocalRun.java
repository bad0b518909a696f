package io.exchangebridge.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import jakarta.mail.MessagingException;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;

/**
 * {@code ./run-local.sh}: the whole system on the README's ports with embedded defaults, then a demo through the public
 * APIs, a summary, and everything stopped cleanly on Ctrl-C. Data (PostgreSQL, generated passwords and key, service
 * configuration and logs) is kept under {@code .local/local-run}.
 */
public final class LocalRun {

    static final String APP_CREDENTIAL = "demo-app";
    static final String USER_CREDENTIAL = "demo-user";
    static final String MAILBOX_ACCOUNT = "demo-info";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        // The embedded PostgreSQL and the simulator's SMTP server report every step at INFO: keep the console for ours.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int offset = portOffset(args);
        List<String> taken = PortCheck.takenPorts(BridgeStack.localPorts(offset));
        if (!taken.isEmpty()) {
            System.err.println("Cannot start: " + String.join("; ", taken) + ".");
            System.err.println("Stop what uses it (an earlier ./run-local.sh? a quarkus:dev?) and try again,"
                    + " or move every port: ./run-local.sh --port-offset 1000");
            System.exit(2);
        }
        // -Dlocal-run.home: somewhere else than the project's .local/local-run (LocalRunIT uses a temporary folder)
        String homeOverride = System.getProperty("local-run.home");
        Path home = homeOverride != null ? Path.of(homeOverride) : ProjectLayout.root().resolve(".local/local-run");
        long t0 = System.nanoTime();
        BridgeStack stack = BridgeStack.start(new BridgeStack.Options(home).fixedPorts(offset).demoMail().loopbackOnly()
                .productionJvm().progress(line -> System.out.println("  " + line)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping services, simulator and PostgreSQL …");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-run-stop"));
        System.out.println("  everything up in " + BridgeStack.seconds(Duration.ofNanos(System.nanoTime() - t0)));
        try {
            System.out.println(summary(stack, demo(stack)));
        } catch (RuntimeException | MessagingException e) {
            System.err.println("The demo failed: " + e.getMessage());
            System.err.println("The services keep running; their logs are under " + home.resolve("services"));
        }
        stopped.await();
    }

    /** {@code --port-offset N}: every port of the local run moved by N; exits with a usage message on anything else. */
    static int portOffset(String[] args) {
        if (args.length == 0) {
            return 0;
        }
        if (args.length == 2 && args[0].equals("--port-offset") && args[1].matches("\\d{1,5}")
                && Integer.parseInt(args[1]) <= 50_000) {
            return Integer.parseInt(args[1]);
        }
        System.err.println("Usage: ./run-local.sh [--port-offset N]   (N from 0 to 50000 moves every port by N)");
        System.exit(2);
        return 0;
    }

    /** Registers, imports and sends through the public APIs, printing each step. */
    static Map<String, String> demo(BridgeStack stack) throws MessagingException {
        System.out.println("\nDemo");
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), APP_CREDENTIAL);
        System.out.println("  credential '" + APP_CREDENTIAL + "' (client credentials) registered");
        BridgeSetup.registerDelegatedCredential(stack.credentialAdmin(0), USER_CREDENTIAL);
        JsonNode user = stack.credentialAdmin(0).get("/api/credentials/" + USER_CREDENTIAL).expect(200).json();
        System.out.println("  credential '" + USER_CREDENTIAL + "' (signed-in user) registered, status "
                + user.path("status").path("state").asText());
        BridgeSetup.addMailbox(stack.importAdmin(0), MAILBOX_ACCOUNT, DemoTenant.SHARED, APP_CREDENTIAL, "MOVE");
        String runId = BridgeSetup.startImport(stack.importAdmin(0), MAILBOX_ACCOUNT);
        JsonNode run = BridgeSetup.awaitRun(stack.importAdmin(0), runId, Duration.ofMinutes(2));
        JsonNode result = run.path("mailboxes").path(0);
        String imported = result.path("status").asText() + ": " + result.path("imported").asInt() + " imported, "
                + result.path("duplicates").asInt() + " already there, moved to 'Imported'";
        System.out.println("  import of " + DemoTenant.SHARED + " " + imported);

        BridgeSetup.addRoute(stack.relayAdmin(0), DemoTenant.DOMAIN, APP_CREDENTIAL, DemoTenant.SHARED, "SMTP");
        RelaySmtpClient smtp = stack.smtpClient(0);
        String reply = smtp.send(smtp.textMessage(DemoTenant.SHARED, DemoTenant.BOB, "Hello over SMTP",
                "Sent by a legacy SMTP client through Exchange Bridge."));
        String smtpId = RelaySmtpClient.queuedId(reply);
        System.out.println("  mail accepted over SMTP (STARTTLS + AUTH): " + reply.trim());
        String restId = stack.relaySender(0)
                .postJson("/api/messages", Map.of("from", DemoTenant.SHARED, "to", List.of(DemoTenant.BOB), "subject",
                        "Hello over REST", "text", "Sent by an internal application through Exchange Bridge."))
                .expect(202).json().get("id").asText();
        System.out.println("  mail accepted over REST: " + restId);
        String smtpStatus = BridgeSetup.awaitDelivered(stack.relayAdmin(0), smtpId, Duration.ofMinutes(2))
                .path("status").asText();
        String restStatus = BridgeSetup.awaitDelivered(stack.relaySender(0), restId, Duration.ofMinutes(2))
                .path("status").asText();
        System.out.println("  delivered to Exchange (simulated) with XOAUTH2: SMTP mail " + smtpStatus
                + ", REST mail " + restStatus);
        return Map.of("import", imported, "smtp", smtpStatus, "rest", restStatus);
    }

    static String summary(BridgeStack stack, Map<String, String> demo) {
        String sim = stack.simulator().httpBaseUrl();
        String cred = stack.credential(0).baseUrl();
        Path secrets = stack.home().resolve("secrets.properties");
        return """

                Exchange Bridge is running locally (Ctrl-C stops everything).

                  Admin UI            %1$s/  (user admin; Mailboxes and Sender routes read import-service and
                                      smtp-service)
                  Delegated consent   %1$s/api/credentials/%2$s/consent
                                      open it in a browser, sign in as %3$s / %4$s at the simulator
                                      (its certificate is self-signed: accept it once)
                  Swagger UI          %1$s/q/swagger-ui  %5$s/q/swagger-ui  %6$s/q/swagger-ui
                  SMTP relay          smtp://localhost:%7$d (STARTTLS + AUTH, user scanner)
                  Simulator           %8$s/_sim  (Entra ID, Graph, Exchange SMTP on port %9$d)
                  Users               admin on every service, app (sender) on smtp-service, console on
                                      import-service (the admin UI's), import-service and smtp-service (token
                                      clients); passwords in %10$s
                  Logs                %11$s/<service>/service.log
                  JVM options         as in production (deploy/jvm-options): %15$s
                                      (the heap limit is a share of this machine's memory here, of the pod's
                                      memory limit in Kubernetes)

                  Demo results        import %12$s; SMTP mail %13$s; REST mail %14$s
                  Try                 curl -u admin:<password> %5$s/api/messages?limit=5
                """.formatted(cred, USER_CREDENTIAL, DemoTenant.ALICE, DemoTenant.PASSWORD,
                stack.importer(0).baseUrl(), stack.relay(0).baseUrl(), stack.smtpListenerPort(0), sim,
                stack.simulator().smtpPort(), secrets, stack.home().resolve("services"), demo.get("import"),
                demo.get("smtp"), demo.get("rest"), String.join(" ", stack.jvmOptions()));
    }
}
