package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.StoredMessage;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;

/** Every kind of message the test-mail generator makes goes through Graph: JSON derived, MIME byte-exact. */
class GraphTestMailCorpusTest extends GraphServerTest {

    private static final Set<String> WITH_ATTACHMENTS = Set.of("attachment-1k", "attachment-1m", "rfc2231-filename",
            "nested-rfc822");
    private static final Set<String> WITHOUT_ATTACHMENTS = Set.of("plain-text", "alternative", "inline-image",
            "iso-8859-1", "windows-1252", "iso-2022-jp");

    static List<TestMailSample> corpus() {
        return TestMailCorpus.standard(42);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void servedAsGraphJsonAndByteExactMime(TestMailSample sample) throws Exception {
        byte[] mime = sample.mail().toByteArray();
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(mime);
        String path = "/users/" + ALICE + "/messages/" + stored.restId();

        HttpResponse<String> json = server.get(path, token);
        HttpResponse<byte[]> value = server.http.send(server.request(path + "/$value", token).GET().build(),
                BodyHandlers.ofByteArray());

        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode message = server.body(json);
        if (sample.mail().malformations().isEmpty()) {
            assertThat(message.get("subject").asText()).isEqualTo(sample.mail().subject());
        }
        assertThat(message.get("internetMessageId").asText()).isNotBlank();
        if (WITH_ATTACHMENTS.contains(sample.name())) {
            assertThat(message.get("hasAttachments").asBoolean()).isTrue();
        }
        if (WITHOUT_ATTACHMENTS.contains(sample.name())) {
            assertThat(message.get("hasAttachments").asBoolean()).isFalse();
        }
        assertThat(value.statusCode()).isEqualTo(200);
        assertThat(value.body()).isEqualTo(mime);
    }
}
