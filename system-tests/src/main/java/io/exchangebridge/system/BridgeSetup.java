package io.exchangebridge.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;

/**
 * What an administrator and an internal application do through the services' REST APIs: register credentials, mailbox
 * accounts and sender routes, run imports, send mail and watch it go out. Registrations are idempotent, so the local
 * run can be started again on kept data.
 */
public final class BridgeSetup {

    private BridgeSetup() {
    }

    /** The demo app with its client secret: application permissions for Graph and Exchange SMTP. */
    public static void registerAppCredential(ApiClient credentialAdmin, String id) {
        registerAppCredential(credentialAdmin, id, DemoTenant.CLIENT_ID, DemoTenant.CLIENT_SECRET);
    }

    /** Another app registration of the demo tenant with client credentials. */
    public static void registerAppCredential(ApiClient credentialAdmin, String id, String clientId, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("description", "Demo app, client credentials");
        body.put("grantType", "client_credentials");
        body.put("tenantId", DemoTenant.DOMAIN);
        body.put("clientId", clientId);
        body.put("clientSecret", secret);
        body.put("scopes", Map.of("graph", List.of(), "outlook", List.of()));
        createOrReplace(credentialAdmin, "/api/credentials", id, body);
    }

    /** The demo app acting for a signed-in user (consent flow): Graph mail and SMTP.Send. */
    public static void registerDelegatedCredential(ApiClient credentialAdmin, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("description", "Demo app, signed-in user (consent flow)");
        body.put("grantType", "authorization_code");
        body.put("tenantId", DemoTenant.DOMAIN);
        body.put("clientId", DemoTenant.CLIENT_ID);
        body.put("clientSecret", DemoTenant.CLIENT_SECRET);
        body.put("scopes", Map.of("graph", List.of("Mail.ReadWrite", "Mail.Send"), "outlook", List.of("SMTP.Send")));
        createOrReplace(credentialAdmin, "/api/credentials", id, body);
    }

    /** A mailbox account of import-service. */
    public static void addMailbox(ApiClient importAdmin, String id, String mailbox, String credentialId,
            String afterImport) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("mailbox", mailbox);
        body.put("credentialId", credentialId);
        body.put("afterImport", afterImport);
        createOrReplace(importAdmin, "/api/mailboxes", id, body);
    }

    /** A sender route of smtp-service; a sender that already has one keeps it. */
    public static void addRoute(ApiClient relayAdmin, String sender, String credentialId, String mailbox,
            String transport) {
        relayAdmin.postJson("/api/routes", Map.of("sender", sender, "credentialId", credentialId, "mailbox", mailbox,
                "transport", transport)).expect(201, 409);
    }

    /** Starts an import of one mailbox account and answers its run id. */
    public static String startImport(ApiClient importAdmin, String mailboxId) {
        return importAdmin.postJson("/api/mailboxes/" + mailboxId + "/imports", "").expect(202).json().get("runId")
                .asText();
    }

    /** Waits until the run is FINISHED and answers it. */
    public static JsonNode awaitRun(ApiClient importAdmin, String runId, Duration timeout) {
        return await(() -> {
            JsonNode run = importAdmin.get("/api/imports/" + runId).expect(200).json();
            return "FINISHED".equals(run.path("status").asText()) ? run : null;
        }, timeout, "import run " + runId + " to finish");
    }

    /**
     * Waits until an outbox message is SENT (or FAILED) and answers it. The relay shows a message only to its submitter
     * and to admins, so mail that came in over SMTP is watched with the relay's admin client.
     */
    public static JsonNode awaitDelivered(ApiClient relayClient, String messageId, Duration timeout) {
        return await(() -> {
            JsonNode message = relayClient.get("/api/messages/" + messageId).expect(200).json();
            String status = message.path("status").asText();
            return status.equals("SENT") || status.equals("FAILED") ? message : null;
        }, timeout, "message " + messageId + " to be delivered");
    }

    /** Polls until the supplier answers non-null. */
    public static <T> T await(Supplier<T> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout, last);
    }

    /**
     * Creates the resource, or replaces it when it exists (kept data of an earlier local run). Replacing also drops
     * tokens the credential-service cached from an earlier simulator, whose signing key was another.
     */
    private static void createOrReplace(ApiClient client, String collection, String id, Map<String, Object> body) {
        // anything but 200 or 404 (a 503 while a database recovers) is an error here, not "exists"
        if (client.get(collection + "/" + id).expect(200, 404).status() == 404) {
            client.postJson(collection, body).expect(201);
        } else {
            client.putJson(collection + "/" + id, body).expect(200);
        }
    }
}
