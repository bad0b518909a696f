package io.exchangebridge.importer.mail;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphPage;
import io.exchangebridge.importer.graph.GraphSession;

/**
 * Typed Graph mail calls for one mailbox ({@code /users/{mailbox}}), on a {@link GraphSession} and so under its
 * throttling, Retry-After gate, immutable ids and per-mailbox concurrency. Pages come back as {@link GraphPage}s of
 * records; callers follow {@link GraphPage#nextLink()} with {@link #messages(URI)} or {@link #delta(URI)}.
 */
public final class MailGraph {

    private static final String SELECT = "$select=id,internetMessageId,isRead";
    private static final String SIZE_EXPAND = "$expand=singleValueExtendedProperties($filter=id%20eq%20'Long%200x0E08')";

    private final GraphSession g;
    private final String mailbox;
    private final int pageSize;

    MailGraph(GraphSession g, String mailbox, int pageSize) {
        this.g = g;
        this.mailbox = mailbox;
        this.pageSize = Math.min(1000, pageSize);
    }

    /** The mailbox's user principal name or object id, as configured. */
    public String mailbox() {
        return mailbox;
    }

    /** A folder by id or well-known name ({@code inbox}, {@code msgfolderroot}, ...). */
    public MailFolder folder(String idOrWellKnownName) {
        return g.get(g.user("/mailFolders/" + UrlPaths.segment(idOrWellKnownName)), MailFolder.class);
    }

    /** The child folder of {@code parentId} named {@code displayName} (case-insensitive), across all pages. */
    public Optional<MailFolder> childFolder(String parentId, String displayName) {
        return childFolders(parentId).stream().filter(f -> displayName.equalsIgnoreCase(f.displayName()))
                .findFirst();
    }

    /**
     * All child folders of {@code parentId} (or the top-level folders for {@code msgfolderroot}), following
     * {@code @odata.nextLink}.
     */
    public List<MailFolder> childFolders(String parentId) {
        List<MailFolder> all = new ArrayList<>();
        Optional<URI> uri = Optional.of(g.user(childFoldersPath(parentId) + "?$top=100"));
        while (uri.isPresent()) {
            GraphPage<MailFolder> page = g.page(uri.get(), MailFolder.class, null);
            all.addAll(page.items());
            uri = page.nextLink();
        }
        return all;
    }

    /** Creates a child folder; a {@link GraphException#conflict()} when it exists already. */
    public MailFolder createChildFolder(String parentId, String displayName) {
        return g.post(g.user(childFoldersPath(parentId)), Map.of("displayName", displayName), MailFolder.class);
    }

    /** The first page of a folder's messages, oldest first, with their sizes; only unread ones if asked. */
    public GraphPage<MailMessage> messages(String folderId, boolean onlyUnread) {
        return messages(g.user("/mailFolders/" + UrlPaths.segment(folderId) + "/messages?$top=" + pageSize + "&"
                + SELECT + "&" + SIZE_EXPAND + "&$orderby=receivedDateTime%20asc"
                + (onlyUnread ? "&$filter=isRead%20eq%20false" : "")));
    }

    /** A further page of {@link #messages(String, boolean)}. */
    public GraphPage<MailMessage> messages(URI nextLink) {
        return g.page(nextLink, GraphMessage.class, null).map(GraphMessage::toMessage);
    }

    /** The first page of a full delta sync of a folder (pages of {@code importer.graph.page-size}). */
    public GraphPage<MailMessage> delta(String folderId) {
        return delta(g.user("/mailFolders/" + UrlPaths.segment(folderId) + "/messages/delta?" + SELECT));
    }

    /**
     * A further page of a delta, or the changes since a stored deltaLink; a {@link GraphException#staleDeltaToken()}
     * when Graph no longer knows the token.
     */
    public GraphPage<MailMessage> delta(URI link) {
        return g.page(link, GraphMessage.class, "odata.maxpagesize=" + pageSize).map(GraphMessage::toMessage);
    }

    /** A deltaLink (stored or just received) checked to point to the Graph host. */
    public URI link(String deltaLink) {
        return g.link(deltaLink);
    }

    /** One message with its size. */
    public MailMessage message(String id) {
        return g.get(g.user(message(id, "?$select=id&" + SIZE_EXPAND)), GraphMessage.class).toMessage();
    }

    /** The raw RFC 822 MIME ({@code $value}), handed to {@code reader} as an unbuffered stream. */
    public <T> T mime(String id, GraphSession.BodyReader<T> reader) {
        return g.stream(g.user(message(id, "/$value")), reader);
    }

    /** Moves a message; with immutable ids it keeps its id. */
    public void move(String id, String destinationFolderId) {
        g.post(g.user(message(id, "/move")), Map.of("destinationId", destinationFolderId), Void.class);
    }

    public void markRead(String id) {
        g.patch(g.user(message(id, "")), Map.of("isRead", true));
    }

    public void delete(String id) {
        g.delete(g.user(message(id, "")));
    }

    private static String childFoldersPath(String parentId) {
        return "/mailFolders/" + UrlPaths.segment(parentId) + "/childFolders";
    }

    private static String message(String id, String rest) {
        return "/messages/" + UrlPaths.segment(id) + rest;
    }
}
