package io.exchangebridge.smtp.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.ws.rs.ProcessingException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.credential.AccessToken;
import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.route.SenderRoute;

/**
 * Delivers through Microsoft Graph with a token for resource {@code graph}. A message whose sendMail request (the MIME
 * in base64) fits {@code relay.graph.large.send-mail-max-bytes} goes as {@code POST /users/{mailbox}/sendMail}: Graph
 * takes the recipients from the MIME, so the Bcc recipients (kept only in the envelope) are put back as a Bcc header
 * for this request; Graph removes it when sending. sendMail has no idempotency: a request whose answer was lost and is
 * retried may send twice. Larger messages go as a draft ({@link GraphDraftSend}), which is idempotent.
 */
@ApplicationScoped
public class GraphDelivery {

    static final String RESOURCE = "graph";

    private final CredentialClient tokens;
    private final GraphClient client;
    private final GraphDraftSend drafts;
    private final RelayConfig.Large large;

    public GraphDelivery(RelayConfig config, CredentialClient tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.client = new GraphClient(config.graph(), json);
        this.large = config.graph().large();
        this.drafts = new GraphDraftSend(client, json, large);
    }

    /** Sends one message; answers a short description of Graph's acceptance. */
    public String deliver(SenderRoute route, ClaimedMessage m) throws DeliveryException {
        byte[] mime = withBcc(m);
        long requestBytes = 4L * ((mime.length + 2) / 3);
        GraphDraft draft = null;
        String body = null;
        if (requestBytes <= large.sendMailMaxBytes()) {
            body = Base64.getEncoder().encodeToString(mime);
        } else {
            draft = largeDraft(m);
        }
        AccessToken refused = null;
        for (int attempt = 1;; attempt++) {
            AccessToken accessToken = refused == null
                    ? tokens.token(route.credentialId(), RESOURCE)
                    : tokens.replace(route.credentialId(), RESOURCE, refused);
            try {
                if (draft != null) {
                    return drafts.send(route.mailbox(), accessToken.value(), m, draft);
                }
                GraphClient.Answer answer = client.sendMail(route.mailbox(), accessToken.value(), body);
                if (answer.status() == 202) {
                    return "202 Accepted (Graph sendMail)";
                }
                throw new GraphRefused("sendMail", answer);
            } catch (ProcessingException | IOException e) {
                String reply = "network error: " + rootName(e);
                throw new DeliveryException(false, reply, "Microsoft Graph could not be reached; trying again.");
            } catch (GraphRefused e) {
                if (e.answer().status() == 401 && attempt == 1) {
                    refused = accessToken;
                    continue;
                }
                throw refusal(route, m, e, draft != null);
            }
        }
    }

    /** The draft of a message too large for sendMail, or a permanent failure when Graph cannot take it at all. */
    private GraphDraft largeDraft(ClaimedMessage m) throws DeliveryException {
        checkSize(m.mime().length, large.maxMessageBytes());
        try {
            return GraphDraft.parse(m);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new DeliveryException(true, "MIME not readable for a Graph draft",
                    "The message is too large for Graph's sendMail and its MIME could not be taken apart into a"
                            + " draft (" + e.getClass().getSimpleName() + "): route its sender over SMTP instead.");
        }
    }

    /** Fails a message over Graph's size limit before anything is sent to Graph. */
    static void checkSize(long size, long max) throws DeliveryException {
        if (size > max) {
            throw new DeliveryException(true, "message too large for Graph (" + size + " bytes)", tooLarge(size, max));
        }
    }

    private static String tooLarge(long size, long max) {
        return "The message is " + size + " bytes; Microsoft Graph sends at most " + max
                + " bytes (150 MB) per message, attachments included. Send large files as links, split the message,"
                + " or deliver it over SMTP (at most 150 MB there too, with the mailbox's MaxSendSize raised).";
    }

    private DeliveryException refusal(SenderRoute route, ClaimedMessage m, GraphRefused e, boolean asDraft) {
        GraphClient.Answer answer = e.answer();
        int status = answer.status();
        String code = answer.code();
        String retryAfter = answer.retryAfter();
        String reply = status + " " + code + (asDraft ? " (" + e.step() + ")" : "");
        if (status == 401) {
            return new DeliveryException(true, reply, "Graph refused the token of credential '"
                    + route.credentialId() + "' even after a fresh one: check the app's Mail.Send permission"
                    + " and admin consent.");
        }
        if ("ErrorSendAsDenied".equals(code)) {
            return new DeliveryException(true, reply, Explanations.sendAsDenied(route, m.mailFrom()));
        }
        if ("ErrorMessageSizeExceeded".equals(code) || "ErrorAttachmentSizeLimitExceeded".equals(code)) {
            return new DeliveryException(true, reply, "Exchange Online refused the message's size (" + m.mime().length
                    + " bytes): it is over the mailbox's maximum send size (MaxSendSize, 35 MB unless raised:"
                    + " `Set-Mailbox -Identity " + route.mailbox() + " -MaxSendSize 150MB`) or Graph's 150 MB.");
        }
        if (status == 403 && asDraft) {
            return new DeliveryException(true, reply, "Graph denied writing a draft in " + route.mailbox()
                    + ": messages too large for sendMail are sent as drafts, which needs Mail.ReadWrite (application"
                    + " permission, admin consent) besides Mail.Send; check any application access policy too.");
        }
        if (status == 403) {
            return new DeliveryException(true, reply, "Graph denied sending as " + route.mailbox()
                    + ": grant the app Mail.Send (application permission, admin consent) and check any"
                    + " application access policy that limits it to some mailboxes.");
        }
        if (status == 429 || status >= 500) {
            return new DeliveryException(false, reply + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"),
                    Explanations.temporary(reply), retryAfter(retryAfter));
        }
        return new DeliveryException(true, reply, Explanations.rejected(reply));
    }

    /** Graph's Retry-After, in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String rootName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** The stored MIME with a Bcc header naming the envelope recipients that are not in To or Cc. */
    static byte[] withBcc(ClaimedMessage m) {
        Set<String> visible = new LinkedHashSet<>();
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(m.mime()));
            for (String name : List.of("To", "Cc")) {
                String[] values = headers.getHeader(name);
                if (values != null) {
                    for (String v : values) {
                        for (InternetAddress a : InternetAddress.parseHeader(v, false)) {
                            visible.add(a.getAddress().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (MessagingException e) {
            // validated at intake; without readable headers every recipient is treated as Bcc
        }
        List<String> bcc = m.recipients().stream().filter(r -> !visible.contains(r.toLowerCase(Locale.ROOT)))
                .toList();
        if (bcc.isEmpty()) {
            return m.mime();
        }
        byte[] header = ("Bcc: " + String.join(", ", bcc) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + m.mime().length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(m.mime(), 0, out, header.length, m.mime().length);
        return out;
    }

}
