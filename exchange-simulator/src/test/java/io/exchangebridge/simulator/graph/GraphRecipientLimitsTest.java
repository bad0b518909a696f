package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.limits.SendingLimits;

/** Exchange's recipient limits on Graph sendMail and on a draft's send. */
class GraphRecipientLimitsTest extends GraphServerTest {

    private static final String SEND = "/users/" + ALICE + "/sendMail";

    private SendingLimits limits;

    @BeforeEach
    void sendingToken() {
        token = server.tokens.app("Mail.Send", "Mail.ReadWrite");
        limits = server.mail.limits();
    }

    @Test
    void aMessageWithTooManyRecipientsIsRefused() {
        limits.recipientsPerMessage(2);

        HttpResponse<String> response = server.post(SEND, token, message(BOB, "carol@contoso.test",
                "dave@contoso.test"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("ErrorInvalidRecipients");
        assertThat(server.body(response).at("/error/message").asText()).contains("RESOLVER.ADR.RecipLimit");
        assertThat(server.mail.sent(ALICE)).isEmpty();
        assertThat(limits.recipientsSent(ALICE)).isZero();
    }

    @Test
    void aMailboxOverItsRecipientsPerDayGetsSubmissionQuotaExceededUntilTheWindowMoves() {
        limits.recipientsPerDay(3);
        assertThat(server.post(SEND, token, message(BOB, "carol@contoso.test")).statusCode()).isEqualTo(202);
        server.clock.advance(Duration.ofHours(1));
        token = server.tokens.app("Mail.Send", "Mail.ReadWrite");

        HttpResponse<String> refused = server.post(SEND, token, message(BOB, "dave@contoso.test"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(server.body(refused).at("/error/code").asText()).isEqualTo("ErrorSubmissionQuotaExceeded");
        assertThat(server.body(refused).at("/error/message").asText()).contains("submission quota was exceeded");
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(2);
        assertThat(limits.mailboxFreesAt(ALICE, 2)).isEqualTo(server.clock.instant().plus(Duration.ofHours(23)));
        server.clock.advance(Duration.ofHours(23));
        token = server.tokens.app("Mail.Send", "Mail.ReadWrite");
        assertThat(server.post(SEND, token, message(BOB, "dave@contoso.test")).statusCode()).isEqualTo(202);
        assertThat(server.mail.sent(ALICE)).hasSize(2);
    }

    @Test
    void theTenantsExternalRecipientRateCountsOnlyOutsideRecipients() {
        limits.externalRecipientsPerDay(1);
        assertThat(server.post(SEND, token, message("erin@fabrikam.test")).statusCode()).isEqualTo(202);
        assertThat(server.post(SEND, token, message(BOB)).statusCode()).isEqualTo(202);

        HttpResponse<String> refused = server.post("/users/" + BOB + "/sendMail", token, message(
                "frank@fabrikam.test"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(server.body(refused).at("/error/message").asText()).contains(
                "tenant external recipient rate limit");
        assertThat(server.mail.sent(BOB)).isEmpty();
    }

    @Test
    void aDraftOverTheLimitStaysADraft() {
        limits.recipientsPerDay(1);
        String id = server.body(server.post(GraphDraftsTest.MESSAGES, token, GraphDraftsTest.DRAFT)).path("id")
                .asText();

        HttpResponse<String> refused = server.post(GraphDraftsTest.MESSAGES + "/" + id + "/send", token, "");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(server.mail.mailbox(ALICE).messages("drafts")).hasSize(1);
        assertThat(server.mail.mailbox(ALICE).messages("sentitems")).isEmpty();
        limits.reset();
        assertThat(server.post(GraphDraftsTest.MESSAGES + "/" + id + "/send", token, "").statusCode())
                .isEqualTo(202);
    }

    private static String message(String... to) {
        StringBuilder recipients = new StringBuilder();
        for (String address : to) {
            recipients.append(recipients.isEmpty() ? "" : ",").append("{\"emailAddress\":{\"address\":\"")
                    .append(address).append("\"}}");
        }
        return "{\"message\":{\"subject\":\"Limits\",\"body\":{\"contentType\":\"Text\",\"content\":\"x\"},"
                + "\"toRecipients\":[" + recipients + "]}}";
    }
}
