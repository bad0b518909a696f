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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.User;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * Graph's rule for delegated tokens on another user's or a shared mailbox: the {@code .Shared} permission and mailbox
 * permissions for the signed-in user, else 403 {@code ErrorAccessDenied}; application tokens and the user's own mailbox
 * are unchanged. Real HTTPS against the simulator with its own RS256 tokens.
 */
class SharedMailboxAccessTest {

    private static final String DENIED = "Access is denied. Check credentials and try again.";
    private static final String SEND_FROM_SHARED = """
            {"message":{"subject":"From the shared mailbox","from":{"emailAddress":{"address":"%s"}},
             "toRecipients":[{"emailAddress":{"address":"%s"}}]}}
            """.formatted(SHARED, BOB);

    private final SimulatorGraph graph = new SimulatorGraph();
    private final HttpClient https = HttpClient.newBuilder().sslContext(graph.sim.clientSslContext()).build();
    private final User alice = graph.contoso.findUser(ALICE).orElseThrow();
    private final User shared = graph.contoso.findUser(SHARED).orElseThrow();

    @AfterEach
    void close() {
        graph.close();
    }

    private String delegated(String... scopes) {
        return graph.sim.tokens().delegatedToken(graph.importer, alice, Resources.GRAPH, scopes);
    }

    private HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graph.sim.graphBaseUrl() + path))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
        }
        return https.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    private static void assertAccessDenied(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = new ObjectMapper().readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("ErrorAccessDenied");
        assertThat(error.get("message").asText()).isEqualTo(DENIED);
    }

    private StoredMessage seedShared(String subject) {
        return graph.mail().mailbox(SHARED).deliver(SampleMime.plain(subject).getBytes());
    }

    @Test
    void ownMailboxNeedsNoSharedPermissionAsMeOrByName() throws Exception {
        String token = delegated("Mail.ReadWrite");

        assertThat(get("/me/mailFolders", token).statusCode()).isEqualTo(200);
        assertThat(get("/users/" + ALICE + "/mailFolders/inbox/messages", token).statusCode()).isEqualTo(200);
        assertThat(get("/users/" + alice.id() + "/mailFolders/inbox/messages", token).statusCode()).isEqualTo(200);
        // the .Shared permission covers the user's own mail too
        assertThat(get("/me/mailFolders", delegated("Mail.ReadWrite.Shared")).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutSharedPermissionAGrantedMailboxIsDeniedForEveryOperation() throws Exception {
        String id = seedShared("Shared mail").restId();
        String token = delegated("Mail.ReadWrite", "Mail.Send");
        String user = "/users/" + SHARED;

        assertAccessDenied(get(user + "/mailFolders", token));
        assertAccessDenied(get(user + "/mailFolders/inbox/childFolders", token));
        assertAccessDenied(get(user + "/mailFolders/inbox/messages", token));
        assertAccessDenied(get(user + "/messages/" + id + "/$value", token));
        assertAccessDenied(send("PATCH", user + "/messages/" + id, token, "{\"isRead\":true}"));
        assertAccessDenied(send("POST", user + "/messages/" + id + "/move", token,
                "{\"destinationId\":\"archive\"}"));
        assertAccessDenied(send("DELETE", user + "/messages/" + id, token, null));
        assertThat(graph.mail().mailbox(SHARED).messages("inbox")).extracting(StoredMessage::restId)
                .containsExactly(id);
        assertThat(graph.sim.requestLog().count(r -> r.protocol().equals("graph") && r.status() == 403
                && r.detail().equals("ErrorAccessDenied") && SHARED.equals(r.mailbox()))).isEqualTo(7);
    }

    @Test
    void sharedPermissionWithFullAccessReadsMovesAndDeletes() throws Exception {
        String first = seedShared("First").restId();
        String second = seedShared("Second").restId();
        String token = delegated("Mail.ReadWrite.Shared");
        String user = "/users/" + SHARED;

        assertThat(get(user + "/mailFolders", token).statusCode()).isEqualTo(200);
        assertThat(get(user + "/mailFolders/inbox/messages", token).statusCode()).isEqualTo(200);
        assertThat(send("PATCH", user + "/messages/" + first, token, "{\"isRead\":true}").statusCode())
                .isEqualTo(200);
        assertThat(send("POST", user + "/messages/" + first + "/move", token, "{\"destinationId\":\"archive\"}")
                .statusCode()).isEqualTo(201);
        assertThat(send("DELETE", user + "/messages/" + second, token, null).statusCode()).isEqualTo(204);

        assertThat(graph.mail().mailbox(SHARED).messages("archive")).extracting(m -> m.summary().subject())
                .containsExactly("First");
        assertThat(graph.mail().mailbox(SHARED).messages("inbox")).isEmpty();
    }

    @Test
    void readSharedReadsButDoesNotWrite() throws Exception {
        String id = seedShared("Read only").restId();
        String token = delegated("Mail.Read.Shared");

        assertThat(get("/users/" + SHARED + "/messages/" + id, token).statusCode()).isEqualTo(200);
        assertAccessDenied(send("PATCH", "/users/" + SHARED + "/messages/" + id, token, "{\"isRead\":true}"));
    }

    @Test
    void sharedPermissionWithoutMailboxPermissionIsDenied() throws Exception {
        String token = delegated("Mail.ReadWrite.Shared", "Mail.Send.Shared");

        assertAccessDenied(get("/users/" + BOB + "/mailFolders/inbox/messages", token));

        shared.revokeAccess(ALICE);
        assertAccessDenied(get("/users/" + SHARED + "/mailFolders", token));
        shared.grantAccess(ALICE);
        assertThat(get("/users/" + SHARED + "/mailFolders", token).statusCode()).isEqualTo(200);
    }

    @Test
    void applicationTokensKeepTheirRules() throws Exception {
        assertThat(get("/users/" + SHARED + "/mailFolders", graph.appToken()).statusCode()).isEqualTo(200);
        assertThat(get("/users/" + BOB + "/mailFolders", graph.appToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void sendingThroughAnotherMailboxNeedsSendSharedFullAccessAndSendAsOrOnBehalf() throws Exception {
        String path = "/users/" + SHARED + "/sendMail";

        assertAccessDenied(send("POST", path, delegated("Mail.Send"), SEND_FROM_SHARED));

        String token = delegated("Mail.Send.Shared");
        HttpResponse<String> noSendAs = send("POST", path, token, SEND_FROM_SHARED);
        assertThat(noSendAs.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(noSendAs.body()).at("/error/code").asText())
                .isEqualTo("ErrorSendAsDenied");

        shared.grantSendAs(ALICE);
        assertThat(send("POST", path, token, SEND_FROM_SHARED).statusCode()).isEqualTo(202);

        shared.revokeSendAs(ALICE).grantSendOnBehalf(ALICE);
        assertThat(send("POST", path, token, SEND_FROM_SHARED).statusCode()).isEqualTo(202);

        shared.revokeAccess(ALICE);
        assertAccessDenied(send("POST", path, token, SEND_FROM_SHARED));

        assertThat(graph.mail().sent(SHARED)).hasSize(2).allSatisfy(m -> assertThat(m.from()).isEqualTo(SHARED));
        assertThat(graph.mail().mailbox(BOB).messages("inbox")).hasSize(2);
    }

    @Test
    void ownMailboxSendsWithMailSend() throws Exception {
        String own = """
                {"message":{"subject":"Own","toRecipients":[{"emailAddress":{"address":"%s"}}]}}
                """.formatted(BOB);

        assertThat(send("POST", "/me/sendMail", delegated("Mail.Send"), own).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/users/" + ALICE + "/sendMail", delegated("Mail.Send"), own).statusCode())
                .isEqualTo(202);
        assertThat(graph.mail().sent(ALICE)).hasSize(2);
    }
}
