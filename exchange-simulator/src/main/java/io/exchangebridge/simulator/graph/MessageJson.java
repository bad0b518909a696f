package io.exchangebridge.simulator.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.store.MimeSummary.EmailAddress;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** The Graph {@code message} resource, derived from a stored message, in Graph's property order. */
final class MessageJson {

    static final Set<String> PROPERTIES = Set.of("id", "createdDateTime", "lastModifiedDateTime", "changeKey",
            "categories", "receivedDateTime", "sentDateTime", "hasAttachments", "internetMessageId", "subject",
            "bodyPreview", "importance", "parentFolderId", "conversationId", "isDeliveryReceiptRequested",
            "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification", "body", "sender",
            "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag");

    private MessageJson() {
    }

    /** Graph matches property names case-insensitively; this gives the canonical spelling. */
    static Optional<String> canonical(String name) {
        return PROPERTIES.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst();
    }

    /**
     * @param immutableIds
     *            the client sent {@code Prefer: IdType="ImmutableId"}
     * @param select
     *            the {@code $select}ed properties; empty for all
     * @param expand
     *            the extended property ids {@code $expand}ed, see {@link ODataQuery#expand}
     */
    static ObjectNode of(StoredMessage m, String mailboxUpn, boolean immutableIds, Optional<Set<String>> select,
            Set<String> expand) {
        return of(m, mailboxUpn, immutableIds, select, expand, false);
    }

    /**
     * @param textBody
     *            the client sent {@code Prefer: outlook.body-content-type="text"}: html bodies are given as text
     */
    static ObjectNode of(StoredMessage m, String mailboxUpn, boolean immutableIds, Optional<Set<String>> select,
            Set<String> expand, boolean textBody) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = f.objectNode();
        String changeKey = m.changeKey();
        json.put("@odata.etag", "W/\"" + changeKey + "\"");
        String id = immutableIds ? m.immutableId() : m.restId();
        json.put("id", id);
        Props p = new Props(json, select);
        p.put("createdDateTime", date(m.createdAt()));
        p.put("lastModifiedDateTime", date(m.modifiedAt()));
        p.put("changeKey", changeKey);
        if (p.wanted("categories")) {
            json.putArray("categories");
        }
        p.put("receivedDateTime", date(m.receivedAt()));
        p.put("sentDateTime", date(m.summary().sentAt().orElse(m.receivedAt())));
        if (p.wanted("hasAttachments")) {
            json.put("hasAttachments", m.summary().hasAttachments());
        }
        p.put("internetMessageId", m.summary().internetMessageId().orElseGet(() -> syntheticMessageId(m, mailboxUpn)));
        p.put("subject", m.summary().subject());
        p.put("bodyPreview", m.summary().bodyPreview());
        p.put("importance", m.importance());
        p.put("parentFolderId", m.folderId());
        p.put("conversationId", m.summary().conversationId());
        if (p.wanted("isDeliveryReceiptRequested")) {
            json.put("isDeliveryReceiptRequested", false);
        }
        if (p.wanted("isReadReceiptRequested")) {
            json.put("isReadReceiptRequested", false);
        }
        if (p.wanted("isRead")) {
            json.put("isRead", m.read());
        }
        if (p.wanted("isDraft")) {
            json.put("isDraft", m.draft());
        }
        p.put("webLink", "https://outlook.office365.com/owa/?ItemID=" + URLEncoder.encode(id,
                StandardCharsets.UTF_8) + "&exvsurl=1&viewmodel=ReadMessageItem");
        p.put("inferenceClassification", "focused");
        if (p.wanted("body")) {
            ObjectNode body = json.putObject("body");
            boolean asText = textBody || m.summary().bodyContentType().equals("text");
            body.put("contentType", asText ? "text" : "html");
            body.put("content", asText ? m.summary().textBody() : m.summary().bodyContent());
        }
        Optional<EmailAddress> from = m.summary().from();
        if (p.wanted("sender")) {
            recipient(json, "sender", m.summary().sender().or(() -> from));
        }
        if (p.wanted("from")) {
            recipient(json, "from", from);
        }
        recipients(p, json, "toRecipients", m.summary().to());
        recipients(p, json, "ccRecipients", m.summary().cc());
        recipients(p, json, "bccRecipients", m.summary().bcc());
        recipients(p, json, "replyTo", m.summary().replyTo());
        if (p.wanted("flag")) {
            json.putObject("flag").put("flagStatus", "notFlagged");
        }
        if (!expand.isEmpty()) {
            ArrayNode props = json.putArray("singleValueExtendedProperties");
            boolean all = expand.contains(ODataQuery.ALL_PROPERTIES);
            if (all || expand.stream().anyMatch(e -> e.replace(" ", "").matches("long0x0*e08"))) {
                props.addObject().put("id", "Long 0xe08").put("value", Long.toString(m.size()));
            }
            m.extendedProperties().forEach((propertyId, value) -> {
                if (all || expand.contains(propertyId.toLowerCase(Locale.ROOT))) {
                    props.addObject().put("id", propertyId).put("value", value);
                }
            });
        }
        return json;
    }

    /** {@code @removed} entry of a delta page. */
    static ObjectNode removed(String id) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("@odata.type", "#microsoft.graph.message");
        json.put("id", id);
        json.putObject("@removed").put("reason", "deleted");
        return json;
    }

    private static final class Props {
        private final ObjectNode json;
        private final Optional<Set<String>> select;

        Props(ObjectNode json, Optional<Set<String>> select) {
            this.json = json;
            this.select = select;
        }

        boolean wanted(String name) {
            return select.map(s -> s.contains(name)).orElse(true);
        }

        void put(String name, String value) {
            if (wanted(name)) {
                json.put(name, value);
            }
        }
    }

    private static void recipients(Props p, ObjectNode json, String name, List<EmailAddress> addresses) {
        if (!p.wanted(name)) {
            return;
        }
        ArrayNode array = json.putArray(name);
        for (EmailAddress address : addresses) {
            emailAddress(array.addObject(), address);
        }
    }

    private static void recipient(ObjectNode json, String name, Optional<EmailAddress> address) {
        if (address.isEmpty()) {
            json.putNull(name);
        } else {
            emailAddress(json.putObject(name), address.get());
        }
    }

    private static void emailAddress(ObjectNode recipient, EmailAddress address) {
        ObjectNode email = recipient.putObject("emailAddress");
        email.put("name", address.name());
        email.put("address", address.address());
    }

    static String date(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Exchange assigns a Message-ID when the MIME has none. */
    private static String syntheticMessageId(StoredMessage m, String mailboxUpn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(m.immutableId().getBytes(StandardCharsets.US_ASCII));
            String host = mailboxUpn.substring(mailboxUpn.indexOf('@') + 1);
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + host + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
