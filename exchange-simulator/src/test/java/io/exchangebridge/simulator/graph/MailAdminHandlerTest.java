package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class MailAdminHandlerTest {

    private GraphServer server;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        server = new GraphServer();
        admin = server.root() + "/_sim/mail";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String contentType, String body) {
        return server.send(server.request(admin + path, null).header("Content-Type", contentType)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build());
    }

    @Test
    void seedsFoldersAndMessagesAndListsThem() {
        HttpResponse<String> folder = call("POST", "/mailboxes/" + ALICE + "/folders", "application/json",
                "{\"parent\":\"inbox\",\"displayName\":\"Processed\"}");
        assertThat(folder.statusCode()).isEqualTo(201);

        HttpResponse<String> seeded = call("POST", "/mailboxes/" + ALICE
                + "/messages?folder=Inbox/Processed&receivedDateTime=2026-11-01T08:00:00Z&isRead=true",
                "message/rfc822", SampleMime.plain("Seeded over HTTP"));
        assertThat(seeded.statusCode()).isEqualTo(201);
        assertThat(server.body(seeded).get("immutableId").asText()).startsWith("AAkA");

        JsonNode listed = server.body(call("GET", "/mailboxes/" + ALICE + "/messages?folder=Inbox/Processed",
                "application/json", null));
        assertThat(listed).singleElement().satisfies(m -> {
            assertThat(m.get("subject").asText()).isEqualTo("Seeded over HTTP");
            assertThat(m.get("isRead").asBoolean()).isTrue();
            assertThat(m.get("receivedDateTime").asText()).isEqualTo("2026-11-01T08:00:00Z");
        });
    }

    @Test
    void faultSwitchesAndThrottlingOverHttp() {
        String token = server.tokens.app("Mail.ReadWrite", "Mail.Send");
        assertThat(call("POST", "/mailboxes/" + ALICE + "/faults", "application/json",
                "{\"fault\":\"throttle\",\"count\":2,\"retryAfter\":\"date:5\"}").statusCode()).isEqualTo(204);
        assertThat(call("POST", "/mailboxes/" + ALICE + "/faults", "application/json",
                "{\"fault\":\"error\",\"status\":504}").statusCode()).isEqualTo(204);
        assertThat(server.mail.faults().pending(ALICE)).isEqualTo(3);

        assertThat(call("DELETE", "/faults", "application/json", null).statusCode()).isEqualTo(204);
        assertThat(server.mail.faults().pending(ALICE)).isZero();

        call("POST", "/mailboxes/" + ALICE + "/faults", "application/json", "{\"fault\":\"restDisabled\"}");
        assertThat(server.get("/users/" + ALICE + "/messages", token).statusCode()).isEqualTo(404);

        HttpResponse<String> throttling = call("PUT", "/throttling", "application/json",
                "{\"enabled\":false,\"requestsPerWindow\":50}");
        assertThat(server.body(throttling).get("enabled").asBoolean()).isFalse();
        assertThat(server.mail.throttle().limits()).isEqualTo(new Throttle.Limits(4, 50, Duration.ofMinutes(10)));
        assertThat(server.body(throttling).get("uploadBytesPerWindow").asLong()).isEqualTo(150L * 1024 * 1024);

        assertThat(call("POST", "/mailboxes/" + ALICE + "/faults", "application/json", "{\"fault\":\"bogus\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void draftsAndTheirExtendedPropertiesAreListed() {
        String token = server.tokens.app("Mail.ReadWrite");
        server.post("/users/" + ALICE + "/messages", token, "{\"subject\":\"Draft\",\"singleValueExtendedProperties\":"
                + "[{\"id\":\"String {00020386-0000-0000-C000-000000000046} Name X-Key\",\"value\":\"k-1\"}]}");

        JsonNode drafts = server.body(call("GET", "/mailboxes/" + ALICE + "/messages?folder=drafts",
                "application/json", null));

        assertThat(drafts).singleElement().satisfies(m -> {
            assertThat(m.get("isDraft").asBoolean()).isTrue();
            assertThat(m.at("/extendedProperties/String {00020386-0000-0000-C000-000000000046} Name X-Key").asText())
                    .isEqualTo("k-1");
        });
    }

    @Test
    void sentMailIsInspectable() {
        String token = server.tokens.app("Mail.Send");
        server.post("/users/" + ALICE + "/sendMail", token, """
                {"message":{"subject":"Inspect me","toRecipients":[{"emailAddress":{"address":"x@fabrikam.test"}}]},
                 "saveToSentItems":false}""");

        JsonNode sent = server.body(call("GET", "/mailboxes/" + ALICE + "/sent", "application/json", null));

        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.get("subject").asText()).isEqualTo("Inspect me");
            assertThat(m.at("/recipients/0").asText()).isEqualTo("x@fabrikam.test");
            assertThat(new String(Base64.getDecoder().decode(m.get("mime").asText()))).contains("Subject: Inspect me");
        });
    }
}
