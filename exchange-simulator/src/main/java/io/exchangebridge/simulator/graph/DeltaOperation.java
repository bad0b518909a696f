package io.exchangebridge.simulator.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.DeltaTokens.Change;
import io.exchangebridge.simulator.graph.DeltaTokens.Round;
import io.exchangebridge.simulator.graph.DeltaTokens.SyncState;
import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * {@code GET .../mailFolders/{f}/messages/delta}: a full round without token, then changes since a {@code $deltatoken};
 * pages linked by {@code $skiptoken}, sized by {@code Prefer: odata.maxpagesize}.
 */
final class DeltaOperation {

    static final int DEFAULT_PAGE_SIZE = 10;

    private final DeltaTokens tokens;

    DeltaOperation(DeltaTokens tokens) {
        this.tokens = tokens;
    }

    GraphResponse run(MailContext ctx, String folderRef) {
        MailFolder folder = ctx.folder(folderRef);
        GraphRequest request = ctx.request();
        String mailbox = ctx.store().upn();
        Round round;
        Optional<String> skipToken = request.param("$skiptoken");
        Optional<String> deltaToken = request.param("$deltatoken");
        if (skipToken.isPresent()) {
            round = tokens.skip(skipToken.get()).filter(r -> sameFolder(r.next(), mailbox, folder))
                    .orElseThrow(GraphErrors::syncStateNotFound);
        } else if (deltaToken.isPresent()) {
            SyncState previous = tokens.delta(deltaToken.get()).filter(s -> sameFolder(s, mailbox, folder))
                    .orElseThrow(GraphErrors::syncStateNotFound);
            round = tokens.round(previous, current(ctx, folder, previous.filter()));
        } else {
            MessageFilter filter = validatedFilter(request);
            SyncState empty = new SyncState(mailbox, folder.id(), filter, ODataQuery.select(request), Map.of());
            round = tokens.round(empty, current(ctx, folder, filter));
        }
        int pageSize = pageSize(request);
        int end = Math.min(round.offset() + pageSize, round.changes().size());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", ctx.context("mailFolders('" + folderRef + "')/messages/$delta"));
        ArrayNode value = body.putArray("value");
        for (Change change : round.changes().subList(round.offset(), end)) {
            value.add(entry(ctx, folder, round.next(), change));
        }
        if (end < round.changes().size()) {
            String token = tokens.skipToken(new Round(round.next(), round.changes(), end));
            body.put("@odata.nextLink", Paging.link(request, "$skiptoken", token, false));
        } else {
            body.put("@odata.deltaLink", Paging.link(request, "$deltatoken", tokens.deltaToken(round.next()), false));
        }
        GraphResponse response = GraphResponse.json(200, body);
        List<String> applied = new ArrayList<>(request.appliedMessagePreferences());
        if (request.preference("odata.maxpagesize").isPresent()) {
            applied.add(0, "odata.maxpagesize=" + pageSize);
        }
        return applied.isEmpty() ? response : response.withHeader("Preference-Applied", String.join(",", applied));
    }

    private static boolean sameFolder(SyncState state, String mailbox, MailFolder folder) {
        return state.mailbox().equals(mailbox) && state.folderId().equals(folder.id());
    }

    private static List<StoredMessage> current(MailContext ctx, MailFolder folder, MessageFilter filter) {
        return ctx.store().messages(folder.id()).stream().filter(filter).toList();
    }

    /** The new or changed message as it is now, or {@code @removed} when it has left the folder meanwhile. */
    private static ObjectNode entry(MailContext ctx, MailFolder folder, SyncState next, Change change) {
        boolean immutable = ctx.request().immutableIds();
        Optional<StoredMessage> message = change.removed()
                ? Optional.empty()
                : ctx.store().message(change.immutableId()).filter(m -> m.folderId().equals(folder.id()));
        if (message.isEmpty()) {
            return MessageJson.removed(immutable ? change.immutableId() : change.knownRestId());
        }
        Optional<Set<String>> select = next.select();
        return MessageJson.of(message.get(), ctx.mailbox().upn(), immutable, select, Set.of(),
                ctx.request().textBodies());
    }

    /** Delta accepts only {@code receivedDateTime ge|gt} filters and {@code receivedDateTime desc} ordering. */
    private static MessageFilter validatedFilter(GraphRequest request) {
        MessageFilter filter = MessageFilter.parse(request.param("$filter").orElse(null));
        if (!filter.onlyReceivedAfter()) {
            throw GraphErrors.invalidFilter("Only 'receivedDateTime ge|gt' is supported with delta.");
        }
        Optional<String> orderBy = request.param("$orderby");
        if (orderBy.isPresent() && !orderBy.get().trim().replaceAll("\\s+", " ").equals("receivedDateTime desc")) {
            throw GraphErrors.badRequest("The only $orderby supported with delta is 'receivedDateTime desc'.");
        }
        return filter;
    }

    private static int pageSize(GraphRequest request) {
        try {
            int size = Integer.parseInt(request.preference("odata.maxpagesize").orElse(
                    Integer.toString(DEFAULT_PAGE_SIZE)));
            return Math.max(1, Math.min(size, ODataQuery.MAX_TOP));
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_SIZE;
        }
    }
}
