package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.StoredMessage;

class GraphDeltaTest extends GraphServerTest {

    private static final String DELTA = "/users/" + ALICE + "/mailFolders/inbox/messages/delta";

    /** Follows nextLinks to the deltaLink; returns the items and the deltaLink. */
    private record Round(List<JsonNode> items, String deltaLink, int pages) {
    }

    private Round round(String url, String... headers) {
        List<JsonNode> items = new ArrayList<>();
        int pages = 0;
        while (true) {
            HttpResponse<String> response = server.get(url, token, headers);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = server.body(response);
            page.get("value").forEach(items::add);
            pages++;
            if (page.hasNonNull("@odata.deltaLink")) {
                assertThat(page.has("@odata.nextLink")).isFalse();
                return new Round(items, page.get("@odata.deltaLink").asText(), pages);
            }
            url = page.get("@odata.nextLink").asText();
            assertThat(url).startsWith(server.graph()).contains("$skiptoken=");
        }
    }

    private StoredMessage seed(String subject) {
        return server.mail.mailbox(ALICE).deliver(SampleMime.plain(subject).getBytes(
                StandardCharsets.US_ASCII));
    }

    @Test
    void fullRoundThenOnlyChangesWithRemovals() {
        StoredMessage first = seed("One");
        StoredMessage second = seed("Two");
        seed("Three");

        Round initial = round(DELTA, "Prefer", "odata.maxpagesize=2");
        assertThat(initial.pages()).isEqualTo(2);
        assertThat(initial.items()).extracting(m -> m.get("subject").asText()).containsExactlyInAnyOrder("One",
                "Two", "Three");
        assertThat(initial.deltaLink()).startsWith(server.graph()).contains("$deltatoken=");

        Round nothing = round(initial.deltaLink());
        assertThat(nothing.items()).isEmpty();

        seed("Four");
        server.mail.mailbox(ALICE).markRead(first.immutableId(), true);
        server.mail.mailbox(ALICE).move(second.immutableId(), "archive");

        Round changes = round(nothing.deltaLink());
        assertThat(changes.items()).hasSize(3);
        assertThat(changes.items()).filteredOn(m -> m.has("@removed")).singleElement().satisfies(m -> {
            assertThat(m.get("id").asText()).isEqualTo(second.restId());
            assertThat(m.at("/@removed/reason").asText()).isEqualTo("deleted");
        });
        assertThat(changes.items()).filteredOn(m -> !m.has("@removed")).extracting(m -> m.get("subject").asText())
                .containsExactlyInAnyOrder("One", "Four");
    }

    @Test
    void filterOnReceivedDateTimeIsKeptAcrossRounds() {
        server.mail.mailbox(ALICE).add("inbox").receivedAt(Instant.parse("2026-01-01T00:00:00Z")).mime(
                SampleMime.plain("Old"));
        seed("New");

        Round initial = round(DELTA + "?$filter=receivedDateTime%20ge%202026-06-01T00:00:00Z");
        assertThat(initial.items()).extracting(m -> m.get("subject").asText()).containsExactly("New");

        server.mail.mailbox(ALICE).add("inbox").receivedAt(Instant.parse("2026-01-02T00:00:00Z")).mime(
                SampleMime.plain("Also old"));
        assertThat(round(initial.deltaLink()).items()).isEmpty();
    }

    @Test
    void otherFiltersAreRefused() {
        HttpResponse<String> response = server.get(DELTA + "?$filter=isRead%20eq%20false", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("ErrorInvalidUrlQueryFilter");
        assertThat(server.get(DELTA + "?$orderby=subject", token).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownOrExpiredTokensAnswerSyncStateNotFound() {
        seed("One");
        Round initial = round(DELTA);

        HttpResponse<String> unknown = server.get(DELTA + "?$deltatoken=bogus", token);
        assertThat(unknown.statusCode()).isEqualTo(410);
        assertThat(server.body(unknown).at("/error/code").asText()).isEqualTo("SyncStateNotFound");

        server.mail.expireSyncState(ALICE);
        HttpResponse<String> expired = server.get(initial.deltaLink(), token);
        assertThat(expired.statusCode()).isEqualTo(410);
        Round again = round(DELTA);
        assertThat(again.items()).hasSize(1);

        server.mail.reset();
        assertThat(server.get(again.deltaLink(), token).statusCode()).isEqualTo(410);
    }

    @Test
    void immutableIdsInDeltaAndSelect() {
        StoredMessage stored = seed("Immutable");

        Round initial = round(DELTA + "?$select=subject", "Prefer", "IdType=\"ImmutableId\"");

        assertThat(initial.items()).singleElement().satisfies(m -> {
            assertThat(m.get("id").asText()).isEqualTo(stored.immutableId());
            assertThat(m.has("subject")).isTrue();
            assertThat(m.has("body")).isFalse();
        });
    }

    @Test
    void sdkStyleDeltaFunctionPathIsAccepted() {
        seed("Parens");

        HttpResponse<String> response = server.get("/users/" + ALICE + "/mailFolders/inbox/messages/delta()", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.log.count("graph", "delta")).isEqualTo(1);
    }
}
