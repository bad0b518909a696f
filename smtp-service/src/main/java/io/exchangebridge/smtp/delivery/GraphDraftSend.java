package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.smtp.config.RelayConfig;
import io.quarkus.logging.Log;

/**
 * A message too large for sendMail, sent the way Graph allows: a draft from the MIME's parts, attachments under 3 MB
 * added with one request each, larger ones through an upload session in chunks, then {@code send}. <p> Idempotent
 * across attempts and replicas: the draft carries the outbox id in an extended property. An attempt first looks for it
 * in Sent Items (then an earlier attempt sent it: done, nothing sent again) and deletes tagged drafts an earlier
 * attempt left in Drafts (a crash or a failure half-way), so that a retry builds one fresh draft and sends it once.
 */
final class GraphDraftSend {

    /**
     * Attachments up to this size go in one request: their base64 (4/3) and the JSON around it stay under Graph's 4 MB
     * per request (Microsoft's "under 3 MB" with room for that).
     */
    static final int INLINE_ATTACHMENT_MAX = 3_000_000;
    private static final int RANGE_UNIT = 320 * 1024;

    private final GraphClient client;
    private final ObjectMapper json;
    private final RelayConfig.Large config;

    GraphDraftSend(GraphClient client, ObjectMapper json, RelayConfig.Large config) {
        if (config.chunkSize() <= 0 || config.chunkSize() % RANGE_UNIT != 0 || config.chunkSize() > 4 * 1024 * 1024) {
            throw new IllegalStateException("relay.graph.large.chunk-size must be a multiple of 327680 (320 KiB) of at"
                    + " most 4194304, not " + config.chunkSize());
        }
        this.client = client;
        this.json = json;
        this.config = config;
    }

    /** Sends the draft of outbox message {@code m}; answers a short description of Graph's acceptance. */
    String send(String mailbox, String token, ClaimedMessage m, GraphDraft draft) throws GraphRefused, IOException {
        String tag = m.id().toString();
        if (!tagged(mailbox, token, "sentitems", tag).isEmpty()) {
            Log.infof("%s is already in Sent Items of %s: an earlier attempt sent it; not sending again", m.id(),
                    mailbox);
            return "202 Accepted (Graph draft sent by an earlier attempt, found in Sent Items)";
        }
        for (String leftover : tagged(mailbox, token, "drafts", tag)) {
            GraphClient.Answer deleted = client.delete(mailbox, token, leftover);
            if (!deleted.ok() && deleted.status() != 404) {
                throw new GraphRefused("delete draft", deleted);
            }
            Log.infof("Deleted the draft an earlier attempt left for %s", m.id());
        }
        GraphClient.Answer created = client.createDraft(mailbox, token, draft.resource(json, m.id()));
        if (created.status() != 201) {
            throw new GraphRefused("create draft", created);
        }
        String id = created.body().path("id").asText();
        try {
            long uploaded = 0;
            for (GraphDraft.Attachment a : draft.attachments()) {
                if (a.bytes().length <= INLINE_ATTACHMENT_MAX) {
                    add(mailbox, token, id, a);
                } else {
                    upload(mailbox, token, id, a);
                    uploaded += a.bytes().length;
                }
            }
            GraphClient.Answer answer = client.send(mailbox, token, id);
            if (answer.status() != 202) {
                throw new GraphRefused("send", answer);
            }
            return "202 Accepted (Graph draft with " + draft.attachments().size() + " attachments, " + uploaded
                    + " bytes in upload sessions)";
        } catch (GraphRefused e) {
            if (e.answer().status() < 500 && e.answer().status() != 429) {
                discard(mailbox, token, id); // refused for good: leave nothing in Drafts
            }
            throw e;
        }
    }

    private List<String> tagged(String mailbox, String token, String folder, String tag) throws GraphRefused {
        GraphClient.Answer found = client.findTagged(mailbox, token, folder, GraphDraft.TAG_PROPERTY, tag);
        if (found.status() != 200) {
            throw new GraphRefused("find " + folder, found);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode message : found.body().path("value")) {
            ids.add(message.path("id").asText());
        }
        return ids;
    }

    private void add(String mailbox, String token, String id, GraphDraft.Attachment a) throws GraphRefused {
        ObjectNode body = json.createObjectNode().put("@odata.type", "#microsoft.graph.fileAttachment")
                .put("name", a.name()).put("contentType", a.contentType()).put("isInline", a.inline())
                .put("contentBytes", Base64.getEncoder().encodeToString(a.bytes()));
        if (a.contentId() != null) {
            body.put("contentId", a.contentId());
        }
        GraphClient.Answer answer = client.addAttachment(mailbox, token, id, body);
        if (answer.status() != 201) {
            throw new GraphRefused("add attachment", answer);
        }
    }

    private void upload(String mailbox, String token, String id, GraphDraft.Attachment a)
            throws GraphRefused, IOException {
        ObjectNode item = json.createObjectNode();
        ObjectNode attachment = item.putObject("AttachmentItem").put("attachmentType", "file").put("name", a.name())
                .put("size", a.bytes().length).put("contentType", a.contentType()).put("isInline", a.inline());
        if (a.contentId() != null) {
            attachment.put("contentId", a.contentId());
        }
        GraphClient.Answer session = client.createUploadSession(mailbox, token, id, item);
        if (session.status() != 201) {
            throw new GraphRefused("createUploadSession", session);
        }
        String url = session.body().path("uploadUrl").asText();
        byte[] bytes = a.bytes();
        int next = 0;
        int failures = 0;
        while (true) {
            int length = Math.min(config.chunkSize(), bytes.length - next);
            GraphClient.Answer answer;
            try {
                answer = client.putChunk(url, bytes, next, length);
            } catch (IOException e) {
                failures = failed(failures, null, e);
                next = resume(url, next);
                continue;
            }
            if (answer.status() == 201) {
                return;
            }
            if (answer.status() == 200) {
                next = nextExpected(answer, next + length);
                failures = 0;
                continue;
            }
            if (answer.status() >= 500 || answer.status() == 416) {
                failures = failed(failures, answer, null);
                next = resume(url, next);
                continue;
            }
            throw new GraphRefused("upload chunk", answer);
        }
    }

    /** Counts a failed chunk; past {@code chunk-retries} the attempt fails (temporarily: the outbox tries again). */
    private int failed(int failures, GraphClient.Answer answer, IOException e) throws GraphRefused, IOException {
        if (failures + 1 > config.chunkRetries()) {
            if (answer != null) {
                throw new GraphRefused("upload chunk", answer);
            }
            throw e;
        }
        Log.debugf("An upload chunk failed (%s); resuming where the server says", answer == null
                ? e.getClass().getSimpleName()
                : answer.status() + " " + answer.code());
        return failures + 1;
    }

    /** Where the upload session expects the next byte, from its nextExpectedRanges; {@code fallback} if unknown. */
    private int resume(String url, int fallback) throws IOException {
        GraphClient.Answer state = client.uploadState(url);
        return state.status() == 200 ? nextExpected(state, fallback) : fallback;
    }

    private static int nextExpected(GraphClient.Answer answer, int fallback) {
        JsonNode ranges = answer.body().path("nextExpectedRanges");
        if (!ranges.isArray() || ranges.isEmpty()) {
            return fallback;
        }
        String range = ranges.get(0).asText();
        int dash = range.indexOf('-');
        try {
            return Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void discard(String mailbox, String token, String id) {
        try {
            client.delete(mailbox, token, id);
        } catch (RuntimeException e) {
            Log.debugf("Could not delete a refused draft: %s", e.getClass().getSimpleName());
        }
    }
}
