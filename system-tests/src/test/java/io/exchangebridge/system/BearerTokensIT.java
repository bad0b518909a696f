package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.directory.Resources;

/**
 * The services on bearer tokens, as production is advised to run them: import-service and smtp-service get their
 * Microsoft tokens from credential-service with Entra access tokens of their own app registrations (no password between
 * the services), and an internal client with an Entra token for this installation's API reads only the mailbox account
 * it is given.
 */
class BearerTokensIT extends SystemTest {

    /** The app whose credential reads and sends mail (Graph and Exchange application permissions). */
    static final String MAIL_APP_ID = "00000000-0000-4000-8000-0000000a00b2";
    static final String MAIL_APP_SECRET = "bearer-mail-secret-not-for-production";
    /** An internal client granted Bridge.Read on the Exchange Bridge API, limited to one account (SharedStack). */
    static final String READER_ID = SharedStack.SCOPED_READER_ID;
    static final String READER_SECRET = "bearer-reader-secret-not-for-production";
    static final String READABLE = "bearer-read";
    static final String HIDDEN = "bearer-hidden";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServicesSignInWithEntraTokensAndAScopedReaderSeesOnlyItsAccount() throws Exception {
        SharedStack.rememberSecret(MAIL_APP_SECRET);
        SharedStack.rememberSecret(READER_SECRET);
        long importerTokens = entraTokenRequests(DemoTenant.IMPORT_CLIENT_ID);
        long relayTokens = entraTokenRequests(DemoTenant.SMTP_CLIENT_ID);
        sim.tenant(DemoTenant.DOMAIN).app(MAIL_APP_ID).secret(MAIL_APP_SECRET, Instant.now().plus(Duration.ofDays(30)))
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp");
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), "bearer-app", MAIL_APP_ID, MAIL_APP_SECRET);

        // import-service: its Graph token comes from credential-service, which it signs in at with an Entra token
        List<byte[]> readable = Mailboxes.seeded(sim, READABLE + "@" + DemoTenant.DOMAIN, 2);
        Mailboxes.seeded(sim, HIDDEN + "@" + DemoTenant.DOMAIN, 1);
        for (String account : List.of(READABLE, HIDDEN)) {
            BridgeSetup.addMailbox(stack.importAdmin(0), account, account + "@" + DemoTenant.DOMAIN, "bearer-app",
                    "MOVE");
            JsonNode run = BridgeSetup.awaitRun(stack.importAdmin(0),
                    BridgeSetup.startImport(stack.importAdmin(0), account), Duration.ofMinutes(3));
            assertThat(run.path("mailboxes").path(0).path("status").asText()).as(run.toString())
                    .isEqualTo("SUCCEEDED");
        }
        assertThat(entraTokenRequests(DemoTenant.IMPORT_CLIENT_ID)).as("import-service's own Entra token requests")
                .isGreaterThan(importerTokens);

        // smtp-service the same way
        String sender = "bearer-sender@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, "bearer-app", sender, "SMTP");
        String accepted = stack.relaySender(0).postJson("/api/messages",
                Map.of("from", sender, "to", List.of(DemoTenant.BOB), "subject", "bearer", "text", "x")).expect(202)
                .json().get("id").asText();
        Outcomes.relayedExactlyOnce(stack, sender, List.of(accepted));
        assertThat(entraTokenRequests(DemoTenant.SMTP_CLIENT_ID)).as("smtp-service's own Entra token requests")
                .isGreaterThan(relayTokens);

        // an internal client: a token of its app for api://exchange-bridge with the app role Bridge.Read
        sim.tenant(DemoTenant.DOMAIN).app(READER_ID).secret(READER_SECRET, Instant.now().plus(Duration.ofDays(30)))
                .applicationRoles(DemoTenant.API_IDENTIFIER_URI, "Bridge.Read");
        String token = clientCredentialsToken(READER_ID, READER_SECRET, DemoTenant.API_SCOPE);
        String importer = stack.importer(0).baseUrl();
        assertThat(get(importer + "/api/mailboxes/" + READABLE, token).statusCode()).isEqualTo(200);
        HttpResponse<String> hidden = get(importer + "/api/mailboxes/" + HIDDEN, token);
        assertThat(hidden.statusCode()).as("another account is answered as a missing one").isEqualTo(404);
        assertThat(hidden.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode listed = JSON.readTree(get(importer + "/api/messages?mailbox=" + READABLE, token).body());
        assertThat(listed.path("items").size()).isEqualTo(readable.size());
        JsonNode other = JSON.readTree(get(importer + "/api/messages?mailbox=" + HIDDEN, token).body());
        assertThat(other.path("items").size()).as(other.toString()).isZero();
        assertThat(get(importer + "/api/mailboxes", token).body()).contains(READABLE).doesNotContain(HIDDEN);

        // a reader's token is no sender's, and a Graph token is no token for this API
        HttpResponse<String> send = send(stack.relay(0).baseUrl() + "/api/messages", token, "{\"from\":\"" + sender
                + "\",\"to\":[\"" + DemoTenant.BOB + "\"],\"subject\":\"no\",\"text\":\"x\"}");
        assertThat(send.statusCode()).isEqualTo(403);
        String graphToken = clientCredentialsToken(READER_ID, READER_SECRET, Resources.GRAPH + "/.default");
        assertThat(get(importer + "/api/mailboxes/" + READABLE, graphToken).statusCode()).isEqualTo(401);
    }

    private static long entraTokenRequests(String clientId) {
        return sim.requestLog().count(r -> r.protocol().equals("entra") && r.endpoint().equals("token")
                && clientId.equals(r.appId()));
    }

    private static HttpClient https() {
        return HttpClient.newBuilder().sslContext(sim.clientSslContext()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static String clientCredentialsToken(String clientId, String secret, String scope) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<String> response = https().send(HttpRequest
                .newBuilder(URI.create(sim.tokenEndpoint(sim.tenant(DemoTenant.DOMAIN).id())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String url, String token, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
