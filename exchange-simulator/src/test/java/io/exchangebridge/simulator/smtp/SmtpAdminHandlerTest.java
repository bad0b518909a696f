package io.exchangebridge.simulator.smtp;

import static io.exchangebridge.simulator.smtp.SmtpFixture.ALICE;
import static io.exchangebridge.simulator.smtp.SmtpFixture.BOB;
import static io.exchangebridge.simulator.smtp.SmtpFixture.CONTOSO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.Session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** The /_sim/smtp admin API, mounted on a JDK HttpServer like the simulator core does. */
class SmtpAdminHandlerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SmtpFixture smtp;
    private HttpServer admin;
    private String base;

    @BeforeEach
    void start() throws Exception {
        smtp = new SmtpFixture();
        admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        admin.createContext("/_sim/smtp", new SmtpAdminHandler(smtp.server));
        admin.start();
        base = "http://127.0.0.1:" + admin.getAddress().getPort() + "/_sim/smtp";
    }

    @AfterEach
    void stop() {
        admin.stop(0);
        smtp.close();
    }

    @Test
    void describesTheServer() throws Exception {
        JsonNode info = json.readTree(get("").body());
        assertThat(info.get("port").asInt()).isEqualTo(smtp.server.port());
        assertThat(info.get("maxMessageSize").asInt()).isEqualTo(157_286_400);
    }

    @Test
    void faultSwitchesChangeWhatClientsGet() throws Exception {
        Session mail = AngusMail.session(smtp.server);
        assertThat(post("/faults/smtp-auth", "{\"tenant\":\"" + CONTOSO + "\",\"enabled\":false}").statusCode())
                .isEqualTo(200);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .hasMessageContaining("disabled for the Tenant");
        post("/faults/smtp-auth", "{\"tenant\":\"" + CONTOSO + "\",\"enabled\":true}");
        post("/faults/smtp-auth", "{\"mailbox\":\"" + ALICE + "\",\"enabled\":false}");
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .hasMessageContaining("disabled for the Mailbox");
        post("/faults/smtp-auth", "{\"mailbox\":\"" + ALICE + "\",\"enabled\":true}");
        post("/faults/sending-limit", "{\"enabled\":true}");
        assertThat(delete("/faults").statusCode()).isEqualTo(204);
        assertThat(json.readTree(get("/faults").body()).get("sendingLimit").asBoolean()).isFalse();

        post("/faults/failures", "{\"count\":1,\"failure\":\"MAILBOX_LOGON_FAILURE\"}");
        assertThat(json.readTree(get("/faults").body()).get("pendingFailures").get(0).asText())
                .isEqualTo("MAILBOX_LOGON_FAILURE");
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .hasMessageContaining("430 4.2.0");

        post("/faults/send-as", "{\"mailbox\":\"" + ALICE + "\",\"denied\":true}");
        post("/faults/sending-limit", "{\"enabled\":true}");
        JsonNode faults = json.readTree(get("/faults").body());
        assertThat(faults.get("sendAsDenied").get(0).asText()).isEqualTo(ALICE);
        assertThat(faults.get("sendingLimit").asBoolean()).isTrue();
    }

    @Test
    void idleTimeoutIsSwitchedAndResetThroughTheApi() throws Exception {
        assertThat(json.readTree(get("").body()).get("idleTimeout").asText()).isEqualTo("PT5M");
        JsonNode faults = json.readTree(post("/faults/idle-timeout", "{\"seconds\":1.5}").body());
        assertThat(faults.get("idleTimeout").asText()).isEqualTo("PT1.5S");
        assertThat(smtp.server.faults().idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(post("/faults/idle-timeout", "{\"seconds\":-1}").statusCode()).isEqualTo(400);
        assertThat(json.readTree(post("/faults/mail-from-timeouts", "{\"count\":2}").body())
                .get("pendingMailFromTimeouts").asInt()).isEqualTo(2);
        assertThat(delete("/faults").statusCode()).isEqualTo(204);
        JsonNode reset = json.readTree(get("/faults").body());
        assertThat(reset.get("idleTimeout").asText()).isEqualTo("PT5M");
        assertThat(reset.get("pendingMailFromTimeouts").asInt()).isZero();
    }

    @Test
    void listsEnvelopesAndServesRawMessages() throws Exception {
        Session mail = AngusMail.session(smtp.server);
        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "via admin"));
        byte[] stored = smtp.server.outbox().messages(ALICE).get(0).content();
        JsonNode list = json.readTree(get("/messages?mailbox=" + ALICE).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("recipients").get(0).asText()).isEqualTo(BOB);
        assertThat(list.get(0).get("size").asInt()).isEqualTo(stored.length);
        HttpResponse<byte[]> raw = http.send(HttpRequest.newBuilder(URI.create(base + "/messages/0?mailbox=" + ALICE))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.headers().firstValue("Content-Type")).contains("message/rfc822");
        assertThat(raw.body()).isEqualTo(stored);
        assertThat(new String(raw.body(), StandardCharsets.US_ASCII)).contains("Subject: via admin");
        assertThat(delete("/messages").statusCode()).isEqualTo(204);
        assertThat(smtp.server.outbox().all()).isEmpty();
    }

    @Test
    void answersBadRequestsAndUnknownPaths() throws Exception {
        assertThat(post("/faults/failures", "{\"count\":1}").statusCode()).isEqualTo(400);
        assertThat(post("/faults/failures", "{\"count\":1,\"failure\":\"NOPE\"}").statusCode()).isEqualTo(400);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/messages/3?mailbox=" + ALICE).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
