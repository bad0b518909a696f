package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class GraphThrottlingTest extends GraphServerTest {

    private static final String INBOX = "/users/" + ALICE + "/mailFolders/inbox/messages";

    @Test
    void graphLimitsAreOnByDefault() {
        assertThat(server.mail.throttle().enabled()).isTrue();
        assertThat(server.mail.throttle().limits()).isEqualTo(new Throttle.Limits(4, 10_000, Duration.ofMinutes(10)));
    }

    @Test
    void fifthConcurrentRequestIsThrottled() {
        server.mail.faults().slowNext(ALICE, 4, Duration.ofMillis(1500));
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slow.add(server.http.sendAsync(server.request(INBOX, token).GET().build(), BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.mail.faults().pending(ALICE) == 0);

        HttpResponse<String> fifth = await().atMost(Duration.ofSeconds(5)).until(() -> server.get(INBOX, token),
                r -> r.statusCode() == 429);

        assertThat(server.body(fifth).at("/error/code").asText()).isEqualTo("ApplicationThrottled");
        assertThat(server.body(fifth).at("/error/message").asText())
                .isEqualTo("Application is over its MailboxConcurrency limit.");
        assertThat(fifth.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(slow).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        String bobToken = server.tokens.app("Mail.ReadWrite");
        assertThat(server.get("/users/" + BOB + "/messages", bobToken).statusCode()).isEqualTo(200);
    }

    @Test
    void requestWindowLimitWithRetryAfterAndEarlyRetries() {
        server.mail.throttle().limits(new Throttle.Limits(4, 3, Duration.ofMinutes(10)));
        for (int i = 0; i < 3; i++) {
            assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> throttled = server.get(INBOX, token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(server.body(throttled).at("/error/message").asText())
                .isEqualTo("Application is over its MailboxRequests limit.");

        server.clock.advance(Duration.ofMinutes(5));
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(429);
        assertThat(server.log.earlyRetries()).isEqualTo(1);

        server.clock.advance(Duration.ofMinutes(5));
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
        assertThat(server.log.earlyRetries()).isEqualTo(1);
    }

    @Test
    void uploadBytesLimitPerFiveMinutes() {
        server.mail.throttle().limits(new Throttle.Limits(4, 10_000, Duration.ofMinutes(10), 1500,
                Duration.ofMinutes(5)));
        String send = server.tokens.app("Mail.Send");
        String body = """
                {"message":{"subject":"%s","toRecipients":[{"emailAddress":{"address":"x@fabrikam.test"}}]}}""";
        String padded = body.formatted("x".repeat(600));

        assertThat(server.post("/users/" + ALICE + "/sendMail", send, padded).statusCode()).isEqualTo(202);
        assertThat(server.post("/users/" + ALICE + "/sendMail", send, padded).statusCode()).isEqualTo(202);
        HttpResponse<String> third = server.post("/users/" + ALICE + "/sendMail", send, padded);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(server.body(third).at("/error/message").asText())
                .isEqualTo("Application is over its IncomingBytes limit.");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("300");
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(5));
        assertThat(server.post("/users/" + ALICE + "/sendMail", send, padded).statusCode()).isEqualTo(202);
    }

    @Test
    void throttlingCanBeSwitchedOff() {
        server.mail.throttle().limits(new Throttle.Limits(4, 1, Duration.ofMinutes(10))).enabled(false);

        for (int i = 0; i < 3; i++) {
            assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void forced429InAllThreeRetryAfterForms() {
        server.mail.faults().throttleNext(ALICE, 1, RetryAfter.seconds(7))
                .throttleNext(ALICE, 1, RetryAfter.httpDate(Duration.ofSeconds(30)))
                .throttleNext(ALICE, 1, RetryAfter.missing());

        HttpResponse<String> seconds = server.get(INBOX, token);
        HttpResponse<String> date = server.get(INBOX, token);
        HttpResponse<String> missing = server.get(INBOX, token);

        assertThat(seconds.statusCode()).isEqualTo(429);
        assertThat(seconds.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(date.statusCode()).isEqualTo(429);
        ZonedDateTime at = ZonedDateTime.parse(date.headers().firstValue("Retry-After").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(at.toInstant()).isAfter(server.clock.instant().plusSeconds(29));
        assertThat(missing.statusCode()).isEqualTo(429);
        assertThat(missing.headers().firstValue("Retry-After")).isEmpty();
        assertThat(server.body(missing).at("/error/code").asText()).isEqualTo("ApplicationThrottled");
        // the 2nd and 3rd came before the Retry-After of the 1st (and 2nd) had passed
        assertThat(server.log.earlyRetries()).isEqualTo(2);
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
    }

    @Test
    void forcedServerErrors() {
        server.mail.faults().failNext(ALICE, 1, 500).failNext(ALICE, 1, 503).failNext(ALICE, 1, 504);

        HttpResponse<String> internal = server.get(INBOX, token);
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(server.body(internal).at("/error/code").asText()).isEqualTo("ErrorInternalServerError");
        HttpResponse<String> unavailable = server.get(INBOX, token);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(server.body(unavailable).at("/error/code").asText()).isEqualTo("ServiceUnavailable");
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(504);
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
        assertThat(server.log.count(r -> r.status() >= 500)).isEqualTo(3);
    }

    @Test
    void faultsTargetOnlyTheirMailbox() {
        server.mail.faults().failNext(BOB, 1, 503);

        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
        assertThat(server.mail.faults().pending(BOB)).isEqualTo(1);
    }

    @Test
    void droppedConnection() throws IOException {
        server.mail.faults().dropNext(ALICE, 1);
        URI uri = URI.create(server.graph());

        // a raw socket: HttpClient would silently retry the GET on a new connection
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET /v1.0" + INBOX + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(server.log.count(r -> r.detail().equals("dropped"))).isEqualTo(1);
        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);
    }

    @Test
    void slowResponse() {
        server.mail.faults().slowNext(ALICE, 1, Duration.ofMillis(700));
        long start = System.nanoTime();

        assertThat(server.get(INBOX, token).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
}
