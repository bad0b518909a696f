package io.exchangebridge.simulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;

/** {@code /_sim/limits} and the upload chunk faults of {@code /_sim/mail} on a running simulator. */
class SendingLimitsAdminTest {

    private static final String ALICE = "alice@contoso.test";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ExchangeSimulator sim;
    private String token;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
        sim.tenant("contoso.test").user(ALICE);
        sim.tenant("contoso.test").user("bob@contoso.test");
        AppRegistration app = sim.tenant("contoso.test").app("11111111-2222-3333-4444-555555555555")
                .applicationRoles(Resources.GRAPH, "Mail.Send", "Mail.ReadWrite");
        token = sim.tokens().applicationToken(app, Resources.GRAPH);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void limitsAreReadAndChangedOverHttpAndSharedBySmtpAndGraph() throws Exception {
        assertThat(body(call("GET", "/_sim/limits", null)).path("recipientsPerDay").asInt()).isEqualTo(10_000);

        HttpResponse<String> patched = call("PATCH", "/_sim/limits", "{\"recipientsPerDay\":1,"
                + "\"recipientsPerMessage\":5,\"externalRecipientsPerDay\":7}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(body(patched).path("externalRecipientsPerDay").asInt()).isEqualTo(7);
        assertThat(sim.sendingLimits().recipientsPerDay()).isEqualTo(1);
        assertThat(sim.smtp().limits()).isSameAs(sim.sendingLimits());
        assertThat(sim.mail().limits()).isSameAs(sim.sendingLimits());
        assertThat(call("PATCH", "/_sim/limits", "{\"recipientsPerHour\":1}").statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/_sim/limits", "{\"recipientsPerDay\":0}").statusCode()).isEqualTo(400);

        String message = "{\"message\":{\"subject\":\"s\",\"toRecipients\":[{\"emailAddress\":{\"address\":"
                + "\"bob@contoso.test\"}}]}}";
        assertThat(graph("/users/" + ALICE + "/sendMail", message).statusCode()).isEqualTo(202);
        assertThat(graph("/users/" + ALICE + "/sendMail", message).statusCode()).isEqualTo(429);
        JsonNode mailbox = body(call("GET", "/_sim/limits/mailboxes/" + ALICE, null));
        assertThat(mailbox.path("recipientsSent").asInt()).isEqualTo(1);
        assertThat(mailbox.path("freesAt").asText()).isNotBlank();

        assertThat(call("DELETE", "/_sim/limits", null).statusCode()).isEqualTo(204);
        assertThat(sim.sendingLimits().recipientsSent(ALICE)).isZero();
        assertThat(sim.sendingLimits().recipientsPerDay()).isEqualTo(10_000);
    }

    @Test
    void uploadChunkFaultsAreSetOverHttp() throws Exception {
        HttpResponse<String> set = call("POST", "/_sim/mail/mailboxes/" + ALICE + "/faults",
                "{\"fault\":\"uploadChunkError\",\"status\":503,\"count\":2}");

        assertThat(set.statusCode()).isEqualTo(204);
        assertThat(sim.mail().faults().pendingUploadFaults(ALICE)).isEqualTo(2);
        assertThat(sim.mail().faults().pending(ALICE)).isZero();
        call("POST", "/_sim/mail/mailboxes/" + ALICE + "/faults", "{\"fault\":\"uploadChunkDrop\"}");
        assertThat(sim.mail().faults().pendingUploadFaults(ALICE)).isEqualTo(3);
    }

    private HttpResponse<String> graph(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/v1.0" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + path));
        request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }
}
