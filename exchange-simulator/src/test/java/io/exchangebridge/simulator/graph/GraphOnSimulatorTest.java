package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static io.exchangebridge.simulator.graph.SimulatorGraph.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** Graph mounted in the real simulator: HTTPS, RS256 tokens from its Entra, its directory's access rules. */
class GraphOnSimulatorTest {

    private final SimulatorGraph graph = new SimulatorGraph();
    private final HttpClient https = HttpClient.newBuilder().sslContext(graph.sim.clientSslContext()).build();

    @AfterEach
    void close() {
        graph.close();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return https.send(HttpRequest.newBuilder(URI.create(graph.sim.graphBaseUrl() + path))
                .header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void appTokenReadsAMailboxOverHttpsWithNextLinksOnTheSameHost() throws Exception {
        for (int i = 0; i < 3; i++) {
            graph.mail().mailbox(ALICE).deliver(SampleMime.plain("Sim " + i).getBytes());
        }

        HttpResponse<String> response = get("/users/" + ALICE + "/mailFolders/inbox/messages?$top=2",
                graph.appToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("@odata.nextLink").asText()).startsWith(graph.sim.graphBaseUrl() + "/users/");
        assertThat(graph.sim.requestLog().count("graph", "messages.list")).isEqualTo(1);
    }

    @Test
    void expiredTokenAfterTheSimulatorClockMoves() throws Exception {
        String token = graph.appToken();
        graph.sim.clock().advance(Duration.ofHours(3));

        HttpResponse<String> response = get("/users/" + ALICE + "/messages", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/message").asText())
                .isEqualTo("Lifetime validation failed, the token is expired.");
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void forgedOrGarbageTokensAreUnauthenticated() throws Exception {
        String token = graph.appToken();
        String[] parts = token.split("\\.");
        // the same claims with another signature: a token this Entra never issued
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        HttpResponse<String> forgedAnswer = get("/users/" + ALICE + "/messages", forged);
        HttpResponse<String> garbage = get("/users/" + ALICE + "/messages", "not-a-jwt");

        assertThat(forgedAnswer.statusCode()).isEqualTo(401);
        assertThat(json(forgedAnswer).at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(forgedAnswer.body()).doesNotContain(parts[2]);
        assertThat(graph.sim.requestLog().count(r -> r.protocol().equals("graph") && r.status() == 401)).isEqualTo(2);
    }

    @Test
    void appWithoutMailRolesIsDeniedAndDisabledAppIsUnauthenticated() throws Exception {
        AppRegistration other = graph.contoso.app("22222222-aaaa-bbbb-cccc-000000000002")
                .applicationRoles(Resources.GRAPH, "User.Read.All");
        String otherToken = graph.sim.tokens().applicationToken(other, Resources.GRAPH);
        assertThat(json(get("/users/" + ALICE + "/messages", otherToken)).at("/error/code").asText())
                .isEqualTo("ErrorAccessDenied");

        String token = graph.appToken();
        graph.importer.enabled(false);
        HttpResponse<String> disabled = get("/users/" + ALICE + "/messages", token);
        assertThat(disabled.statusCode()).isEqualTo(401);
        assertThat(json(disabled).at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void mailboxesOfAnotherTenantAreUnknownUsers() throws Exception {
        AppRegistration foreign = graph.sim.tenant("fabrikam.onmicrosoft.com")
                .app("44444444-aaaa-bbbb-cccc-000000000004")
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite");

        HttpResponse<String> response = get("/users/" + ALICE + "/messages",
                graph.sim.tokens().applicationToken(foreign, Resources.GRAPH));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("ErrorInvalidUser");
    }

    @Test
    void mailReadReadsButCannotWrite() throws Exception {
        StoredMessage stored = graph.mail().mailbox(ALICE).deliver(SampleMime.plain("Read only").getBytes());
        AppRegistration reader = graph.contoso.app("55555555-aaaa-bbbb-cccc-000000000005")
                .applicationRoles(Resources.GRAPH, "Mail.Read");
        String token = graph.sim.tokens().applicationToken(reader, Resources.GRAPH);

        assertThat(get("/users/" + ALICE + "/messages/" + stored.restId(), token).statusCode()).isEqualTo(200);
        HttpResponse<String> patch = https.send(HttpRequest.newBuilder(URI.create(graph.sim.graphBaseUrl()
                + "/users/" + ALICE + "/messages/" + stored.restId())).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"isRead\":true}"))
                .build(), BodyHandlers.ofString());
        assertThat(patch.statusCode()).isEqualTo(403);
        String otherTenant = graph.sim.tokens().applicationToken(graph.sim.tenant("fabrikam.onmicrosoft.com")
                .app("66666666-aaaa-bbbb-cccc-000000000006").applicationRoles(Resources.GRAPH, "Mail.Read"),
                Resources.GRAPH);
        assertThat(get("/users/" + ALICE + "/messages", otherTenant).statusCode()).isEqualTo(404);
    }

    @Test
    void outlookTokenIsRefusedByGraph() throws Exception {
        AppRegistration smtp = graph.contoso.app("33333333-aaaa-bbbb-cccc-000000000003")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp");

        HttpResponse<String> response = get("/users/" + ALICE + "/messages",
                graph.sim.tokens().applicationToken(smtp, Resources.OUTLOOK_365));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/message").asText())
                .isEqualTo("Access token validation failure. Invalid audience.");
    }

    @Test
    void delegatedTokenReadsOwnAndGrantedSharedMailboxOnly() throws Exception {
        String token = graph.sim.tokens().delegatedToken(graph.importer,
                graph.contoso.findUser(ALICE).orElseThrow(), Resources.GRAPH, "Mail.ReadWrite",
                "Mail.ReadWrite.Shared");

        assertThat(get("/me/mailFolders/inbox/messages", token).statusCode()).isEqualTo(200);
        assertThat(get("/users/" + SHARED + "/mailFolders/inbox/messages", token).statusCode()).isEqualTo(200);
        assertThat(get("/users/" + BOB + "/mailFolders/inbox/messages", token).statusCode()).isEqualTo(403);
    }

    @Test
    void adminApiIsMountedAtSimMail() throws Exception {
        HttpResponse<String> seeded = https.send(HttpRequest.newBuilder(URI.create(graph.sim.httpsBaseUrl()
                + "/_sim/mail/mailboxes/" + ALICE + "/messages?folder=inbox"))
                .POST(BodyPublishers.ofString(SampleMime.plain("Via admin"))).build(), BodyHandlers.ofString());

        assertThat(seeded.statusCode()).isEqualTo(201);
        assertThat(graph.mail().mailbox(ALICE).messages("inbox")).extracting(m -> m.summary().subject())
                .containsExactly("Via admin");
    }
}
