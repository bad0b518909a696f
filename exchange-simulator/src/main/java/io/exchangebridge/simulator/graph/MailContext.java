package io.exchangebridge.simulator.graph;

import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.graph.store.GraphIds;
import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** An authenticated, authorized Graph call on one mailbox. */
record MailContext(GraphRequest request, AccessToken token, Mailbox mailbox, MailboxStore store) {

    /** A folder by id or well-known name, or Graph's malformed / not-found error. */
    MailFolder folder(String ref) {
        return store.graphFolder(ref).orElseThrow(() -> GraphIds.wellFormed(ref)
                ? GraphErrors.itemNotFound()
                : GraphErrors.idMalformed());
    }

    /** A visible message by REST or immutable id, or Graph's malformed / not-found error. */
    StoredMessage message(String id) {
        if (!GraphIds.wellFormed(id)) {
            throw GraphErrors.idMalformed();
        }
        return store.message(id).filter(m -> store.graphFolder(m.folderId()).filter(f -> !f.hidden()).isPresent())
                .orElseThrow(GraphErrors::itemNotFound);
    }

    /** Base for {@code @odata.context}. */
    String context(String suffix) {
        return request.baseUrl() + "/$metadata#users('" + mailbox.upn() + "')/" + suffix;
    }
}
