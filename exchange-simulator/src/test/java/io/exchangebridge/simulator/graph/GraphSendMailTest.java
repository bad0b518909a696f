package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.graph.store.SentMail;

class GraphSendMailTest extends GraphServerTest {

    private static final String SEND = "/users/" + ALICE + "/sendMail";
    private static final String JSON_MESSAGE = """
            {"message":{"subject":"Quarterly report","body":{"contentType":"HTML","content":"<b>Hi</b>"},
             "toRecipients":[{"emailAddress":{"address":"bob@contoso.test","name":"Bob"}}],
             "ccRecipients":[{"emailAddress":{"address":"erin@fabrikam.test"}}]},
             "saveToSentItems":%s}
            """;

    @BeforeEach
    void sendingToken() {
        token = server.tokens.app("Mail.Send", "Mail.ReadWrite");
    }

    @Test
    void jsonMessageIsAcceptedWith202AndRecorded() {
        HttpResponse<String> response = server.post(SEND, token, JSON_MESSAGE.formatted("true"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        SentMail sent = server.mail.sent(ALICE).getFirst();
        assertThat(sent.subject()).isEqualTo("Quarterly report");
        assertThat(sent.from()).isEqualTo(ALICE);
        assertThat(sent.recipients()).containsExactly("bob@contoso.test", "erin@fabrikam.test");
        assertThat(sent.format()).isEqualTo("json");
        assertThat(sent.mimeText()).contains("Content-Type: text/html").contains("Subject: Quarterly report");
        assertThat(server.mail.mailbox(ALICE).messages("sentitems")).singleElement()
                .satisfies(m -> assertThat(m.read()).isTrue());
        assertThat(server.mail.mailbox(BOB).messages("inbox")).singleElement()
                .satisfies(m -> assertThat(m.summary().subject()).isEqualTo("Quarterly report"));
    }

    @Test
    void saveToSentItemsFalseKeepsSentItemsEmpty() {
        server.post(SEND, token, JSON_MESSAGE.formatted("false"));

        assertThat(server.mail.sent(ALICE)).hasSize(1);
        assertThat(server.mail.mailbox(ALICE).messages("sentitems")).isEmpty();
    }

    @Test
    void base64MimeWithTextPlainIsSentByteExact() {
        byte[] mime = ("From: alice@contoso.test\r\nTo: bob@contoso.test\r\nSubject: Raw\r\n"
                + "Message-ID: <raw-1@contoso.test>\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = server.send(server.request(SEND, token).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(Base64.getEncoder().encodeToString(mime))).build());

        assertThat(response.statusCode()).isEqualTo(202);
        SentMail sent = server.mail.sent(ALICE).getFirst();
        assertThat(sent.mime()).isEqualTo(mime);
        assertThat(sent.format()).isEqualTo("mime");
        assertThat(server.mail.mailbox(BOB).messages("inbox").getFirst().mime()).isEqualTo(mime);
    }

    @Test
    void bccRecipientsGetTheMessageWithoutTheBccHeader() {
        String headers = "From: alice@contoso.test\r\nTo: bob@contoso.test\r\n";
        String rest = "Subject: Blind\r\nMessage-ID: <bcc-1@contoso.test>\r\n\r\nBcc: stays in the body\r\n";
        byte[] mime = (headers + "Bcc: carol@fabrikam.test,\r\n alice@contoso.test\r\n" + rest)
                .getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = server.send(server.request(SEND, token).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(Base64.getEncoder().encodeToString(mime))).build());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(server.mail.sent(ALICE).getFirst().recipients()).containsExactly("bob@contoso.test",
                "carol@fabrikam.test", "alice@contoso.test");
        assertThat(new String(server.mail.mailbox(BOB).messages("inbox").getFirst().mime(),
                StandardCharsets.US_ASCII)).isEqualTo(headers + rest);
        assertThat(server.mail.mailbox(ALICE).messages("sentitems").getFirst().mime()).isEqualTo(mime);
    }

    @Test
    void noIdempotency() {
        server.post(SEND, token, JSON_MESSAGE.formatted("true"));
        server.post(SEND, token, JSON_MESSAGE.formatted("true"));

        assertThat(server.mail.sent(ALICE)).hasSize(2);
    }

    @Test
    void invalidBase64AndMissingRecipientsAreRefused() {
        HttpResponse<String> badBase64 = server.send(server.request(SEND, token).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("%%%not base64")).build());
        assertThat(badBase64.statusCode()).isEqualTo(400);
        assertThat(server.body(badBase64).at("/error/code").asText()).isEqualTo("ErrorMimeContentInvalidBase64String");

        HttpResponse<String> noRecipients = server.post(SEND, token, "{\"message\":{\"subject\":\"x\"}}");
        assertThat(noRecipients.statusCode()).isEqualTo(400);
        assertThat(server.body(noRecipients).at("/error/code").asText()).isEqualTo("ErrorInvalidRecipients");
        assertThat(server.mail.sent(ALICE)).isEmpty();
    }

    @Test
    void messageSizeAndRequestSizeLimits() {
        server.mail.faults().maxMessageSize(ALICE, 100);
        HttpResponse<String> tooBig = server.post(SEND, token, JSON_MESSAGE.formatted("true"));
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(server.body(tooBig).at("/error/code").asText()).isEqualTo("ErrorMessageSizeExceeded");

        String huge = "A".repeat(SendMailOperation.MAX_REQUEST_BYTES + 1);
        HttpResponse<String> tooLong = server.send(server.request(SEND, token).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(huge)).build());
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(server.mail.sent(ALICE)).isEmpty();
    }

    @Test
    void sendAsNeedsAGrant() {
        String fromShared = """
                {"message":{"subject":"From shared","from":{"emailAddress":{"address":"sales@contoso.test"}},
                 "toRecipients":[{"emailAddress":{"address":"bob@contoso.test"}}]}}
                """;

        HttpResponse<String> denied = server.post(SEND, token, fromShared);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(server.body(denied).at("/error/code").asText()).isEqualTo("ErrorSendAsDenied");

        server.directory.grantSendAs(ALICE, "sales@contoso.test");
        assertThat(server.post(SEND, token, fromShared).statusCode()).isEqualTo(202);
        assertThat(server.mail.sent(ALICE).getFirst().from()).isEqualTo("sales@contoso.test");
    }

    @Test
    void withoutMailSendAccessIsDenied() {
        String readOnly = server.tokens.app("Mail.ReadWrite");

        HttpResponse<String> response = server.post(SEND, readOnly, JSON_MESSAGE.formatted("true"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("ErrorAccessDenied");
        assertThat(server.log.count(r -> r.endpoint().equals("sendMail") && r.status() == 403)).isEqualTo(1);
    }
}
