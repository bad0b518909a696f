package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.store.StoredMessage;

class GraphBatchTest extends GraphServerTest {

    private JsonNode response(JsonNode batch, String id) {
        for (JsonNode r : batch.get("responses")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no response " + id);
    }

    @Test
    void runsEachRequestWithTheBatchToken() {
        byte[] mime = SampleMime.plain("Batched").getBytes(StandardCharsets.US_ASCII);
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(mime);
        String body = """
                {"requests":[
                 {"id":"1","method":"GET","url":"/users/%1$s/mailFolders/inbox/messages?$select=subject"},
                 {"id":"2","method":"GET","url":"/users/%1$s/messages/%2$s/$value"},
                 {"id":"3","method":"PATCH","url":"/users/%1$s/messages/%2$s","body":{"isRead":true},
                  "headers":{"Content-Type":"application/json"},"dependsOn":["1"]}
                ]}""".formatted(ALICE, stored.restId());

        HttpResponse<String> response = server.post("/$batch", token, body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode batch = server.body(response);
        assertThat(response(batch, "1").at("/body/value/0/subject").asText()).isEqualTo("Batched");
        assertThat(Base64.getDecoder().decode(response(batch, "2").get("body").asText())).isEqualTo(mime);
        assertThat(response(batch, "3").get("status").asInt()).isEqualTo(200);
        assertThat(server.mail.mailbox(ALICE).message(stored.restId()).orElseThrow().read()).isTrue();
        assertThat(server.log.count("graph", "batch")).isEqualTo(1);
        assertThat(server.log.count("graph", "message.value")).isEqualTo(1);
    }

    @Test
    void eachRequestIsThrottledAndFailedDependenciesAnswer424() {
        server.mail.faults().throttleNext(ALICE, 1, RetryAfter.seconds(2));
        String body = """
                {"requests":[
                 {"id":"a","method":"GET","url":"/users/%1$s/messages"},
                 {"id":"b","method":"GET","url":"/users/%1$s/messages","dependsOn":["a"]},
                 {"id":"c","method":"GET","url":"/users/%1$s/messages"}
                ]}""".formatted(ALICE);

        JsonNode batch = server.body(server.post("/$batch", token, body));

        assertThat(response(batch, "a").get("status").asInt()).isEqualTo(429);
        assertThat(response(batch, "a").at("/headers/Retry-After").asText()).isEqualTo("2");
        assertThat(response(batch, "b").get("status").asInt()).isEqualTo(424);
        assertThat(response(batch, "c").get("status").asInt()).isEqualTo(200);
    }

    @Test
    void moreThanTwentyRequestsAreRefused() {
        ObjectNode body = server.json.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (int i = 0; i < 21; i++) {
            requests.addObject().put("id", Integer.toString(i)).put("method", "GET").put("url", "/me/messages");
        }

        HttpResponse<String> response = server.post("/$batch", token, body.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("BadRequest");
    }
}
