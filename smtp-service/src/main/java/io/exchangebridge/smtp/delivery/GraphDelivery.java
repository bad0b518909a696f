package io.exchangebridge.smtp.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
 * Delivers through Microsoft Graph: {@code POST /users/{mailbox}/sendMail} with the stored MIME in base64 and a token
 * for resource {@code graph}. Graph takes the recipients from the MIME, so the Bcc recipients (kept only in the
 * envelope) are put back as a Bcc header for this request; Graph removes it when sending. Graph's sendMail has no
 * idempotency: a request whose answer was lost and is retried may send twice.
 */
@ApplicationScoped
public class GraphDelivery {

    static final String RESOURCE = "graph";

    private final CredentialClient tokens;
    private final GraphClient client;

    public GraphDelivery(RelayConfig config, CredentialClient tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.client = new GraphClient(config.graph(), json);
    }

    /** Sends one message; answers a short description of Graph's acceptance. */
    public String deliver(SenderRoute route, ClaimedMessage m) throws DeliveryException {
        String body = Base64.getEncoder().encodeToString(withBcc(m));
        AccessToken refused = null;
        for (int attempt = 1;; attempt++) {
            AccessToken accessToken = refused == null
                    ? tokens.token(route.credentialId(), RESOURCE)
                    : tokens.replace(route.credentialId(), RESOURCE, refused);
            GraphClient.Answer answer;
            try {
                answer = client.sendMail(route.mailbox(), accessToken.value(), body);
            } catch (ProcessingException e) {
                String reply = "network error: " + rootName(e);
                throw new DeliveryException(false, reply, "Microsoft Graph could not be reached; trying again.");
            }
            int status = answer.status();
            if (status == 202) {
                return "202 Accepted (Graph sendMail)";
            }
            String code = answer.code();
            String retryAfter = answer.retryAfter();
            String reply = status + " " + code;
            if (status == 401 && attempt == 1) {
                refused = accessToken;
                continue;
            }
            if (status == 401) {
                throw new DeliveryException(true, reply, "Graph refused the token of credential '"
                        + route.credentialId() + "' even after a fresh one: check the app's Mail.Send permission"
                        + " and admin consent.");
            }
            if ("ErrorSendAsDenied".equals(code)) {
                throw new DeliveryException(true, reply, Explanations.sendAsDenied(route, m.mailFrom()));
            }
            if (status == 403) {
                throw new DeliveryException(true, reply, "Graph denied sending as " + route.mailbox()
                        + ": grant the app Mail.Send (application permission, admin consent) and check any"
                        + " application access policy that limits it to some mailboxes.");
            }
            if (status == 429 || status >= 500) {
                throw new DeliveryException(false, reply + (retryAfter == null
                        ? ""
                        : " (Retry-After " + retryAfter
                                + ")"),
                        Explanations.temporary(reply));
            }
            throw new DeliveryException(true, reply, Explanations.rejected(reply));
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
