package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.StoredMessage;

class GraphErrorsTest extends GraphServerTest {

    private static final String INBOX = "/users/" + ALICE + "/mailFolders/inbox/messages";

    private static void assertError(GraphServer server, HttpResponse<String> response, int status, String code,
            String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = server.body(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(error.get("message").asText()).isEqualTo(message);
        }
        assertThat(error.at("/innerError/request-id").asText()).isEqualTo(
                response.headers().firstValue("request-id").orElseThrow());
        assertThat(error.at("/innerError/date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void errorJsonEchoesTheClientRequestId() {
        HttpResponse<String> response = server.get(INBOX, null, "client-request-id", "my-correlation-id");

        assertError(server, response, 401, "InvalidAuthenticationToken", "Access token is empty.");
        assertThat(response.headers().firstValue("client-request-id")).hasValue("my-correlation-id");
        assertThat(server.body(response).at("/error/innerError/client-request-id").asText())
                .isEqualTo("my-correlation-id");
    }

    @Test
    void expiredTokenIsRefusedWithoutEchoingIt() {
        String expired = server.tokens.app(TestTokens.APP, TestTokens.GRAPH, Duration.ofMinutes(5), "Mail.ReadWrite");
        server.clock.advance(Duration.ofMinutes(6));

        HttpResponse<String> response = server.get(INBOX, expired);

        assertError(server, response, 401, "InvalidAuthenticationToken",
                "Lifetime validation failed, the token is expired.");
        assertThat(response.body()).doesNotContain(expired);
    }

    @Test
    void tokenForAnotherResourceIsRefused() {
        String outlook = server.tokens.app(TestTokens.APP, "https://outlook.office365.com", Duration.ofHours(1),
                "Mail.ReadWrite");

        assertError(server, server.get(INBOX, outlook), 401, "InvalidAuthenticationToken",
                "Access token validation failure. Invalid audience.");
    }

    @Test
    void graphAppIdAudienceIsAccepted() {
        String byAppId = server.tokens.app(TestTokens.APP, "00000003-0000-0000-c000-000000000000",
                Duration.ofHours(1), "Mail.Read");

        assertThat(server.get(INBOX, byAppId).statusCode()).isEqualTo(200);
    }

    @Test
    void missingPermissionIsAccessDenied() {
        String readOnly = server.tokens.app("Mail.Read");
        String none = server.tokens.app("User.Read.All");
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("x").getBytes(
                StandardCharsets.US_ASCII));

        assertThat(server.get(INBOX, readOnly).statusCode()).isEqualTo(200);
        assertError(server, server.patch("/users/" + ALICE + "/messages/" + stored.restId(), readOnly,
                "{\"isRead\":true}"), 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        assertError(server, server.get(INBOX, none), 403, "ErrorAccessDenied", null);
    }

    @Test
    void delegatedTokenReachesOnlyItsOwnMailboxAndMe() {
        String delegated = server.tokens.delegated(ALICE, "Mail.ReadWrite");

        assertThat(server.get("/me/mailFolders/inbox/messages", delegated).statusCode()).isEqualTo(200);
        assertError(server, server.get("/users/" + BOB + "/mailFolders/inbox/messages", delegated), 403,
                "ErrorAccessDenied", null);
        assertThat(server.log.records().getFirst().mailbox()).isEqualTo(ALICE);
    }

    @Test
    void meNeedsADelegatedToken() {
        assertError(server, server.get("/me/messages", token), 400, "BadRequest",
                "/me request is only valid with delegated authentication flow.");
    }

    @Test
    void unknownUserMalformedAndUnknownIds() {
        assertError(server, server.get("/users/nobody@contoso.test/messages", token), 404, "ErrorInvalidUser",
                "The requested user 'nobody@contoso.test' is invalid.");
        assertError(server, server.get("/users/" + ALICE + "/messages/not-an-id", token), 400,
                "ErrorInvalidIdMalformed", "Id is malformed.");
        assertError(server, server.get("/users/" + ALICE + "/messages/AAMkADaaaaaaaaaaaaaaaaaaaaaaaaaaaa=", token),
                404, "ErrorItemNotFound", "The specified object was not found in the store.");
        assertError(server, server.get("/users/" + ALICE + "/mailFolders/AQMkADbbbbbbbbbbbbbbbbbbbbbbbbb", token),
                404, "ErrorItemNotFound", null);
        assertError(server, server.get("/users/" + ALICE + "/mailFolders/Posteingang", token), 400,
                "ErrorInvalidIdMalformed", null);
    }

    @Test
    void mailboxNotEnabledForRestApiSwitch() {
        server.mail.faults().restEnabled(ALICE, false);

        assertError(server, server.get(INBOX, token), 404, "MailboxNotEnabledForRESTAPI",
                "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");

        server.mail.faults().restEnabled(ALICE, true);
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
    }

    @Test
    void fullMailboxRefusesWritesButStillReads() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("x").getBytes(
                StandardCharsets.US_ASCII));
        server.mail.faults().quotaExceeded(ALICE, true);

        assertError(server, server.post("/users/" + ALICE + "/messages/" + stored.restId() + "/move", token,
                "{\"destinationId\":\"archive\"}"), 507, "ErrorQuotaExceeded",
                "Mailbox has exceeded maximum mailbox size.");
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);

        server.mail.faults().quotaExceeded(ALICE, false);
        assertThat(server.post("/users/" + ALICE + "/messages/" + stored.restId() + "/move", token,
                "{\"destinationId\":\"archive\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void unsupportedSegmentsAndMethods() {
        assertError(server, server.get("/users/" + ALICE + "/contacts", token), 400, "BadRequest",
                "Resource not found for the segment 'contacts'.");
        assertError(server, server.delete(INBOX, token), 405, "ErrorInvalidRequest", null);
    }
}
