package io.exchangebridge.importer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.config.ImporterConfig;

/** Paging links stay on the Graph host; Retry-After in both forms is never shortened. */
class GraphSessionTest {

    private static GraphSession session() {
        ImporterConfig.Graph config = new ImporterConfig.Graph() {
            public URI baseUrl() {
                return URI.create("https://graph.microsoft.com/v1.0");
            }

            public int pageSize() {
                return 100;
            }

            public int concurrencyPerMailbox() {
                return 4;
            }

            public int maxRetries() {
                return 1;
            }

            public int interactiveMaxRetries() {
                return 1;
            }

            public Duration interactiveMaxWait() {
                return Duration.ofSeconds(1);
            }

            public Duration backoffBase() {
                return Duration.ofMillis(1);
            }

            public Duration backoffMax() {
                return Duration.ofMillis(1);
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(1);
            }
        };
        return new GraphSession(HttpClient.newHttpClient(), new ObjectMapper(), config, "a b@contoso.com", () -> null,
                t -> t, config.maxRetries(), null, () -> {
                });
    }

    @Test
    void nextLinkOnlyOnTheGraphHost() {
        GraphSession g = session();
        assertThat(g.link("https://graph.microsoft.com/v1.0/users/x/messages?$skip=10")).hasHost("graph.microsoft.com");
        assertThatThrownBy(() -> g.link("https://evil.example/v1.0/users/x/messages?$skip=10"))
                .isInstanceOf(GraphException.class).hasMessageContaining("evil.example");
        assertThatThrownBy(() -> g.link("http://graph.microsoft.com/v1.0/users/x/messages"))
                .isInstanceOf(GraphException.class);
        assertThat(g.user("/messages").toString())
                .isEqualTo("https://graph.microsoft.com/v1.0/users/a%20b%40contoso.com/messages");
    }

    @Test
    void retryAfterSecondsDateAndMissing() {
        assertThat(GraphSession.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(GraphSession.retryAfter(null)).isNull();
        assertThat(GraphSession.retryAfter("soon")).isNull();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.now().plusSeconds(5).atOffset(ZoneOffset.UTC));
        Duration wait = GraphSession.retryAfter(date);
        assertThat(wait).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
        assertThat(Optional.ofNullable(GraphSession.retryAfter("Mon, 01 Jan 2001 00:00:00 GMT")))
                .contains(Duration.ZERO);
    }
}
