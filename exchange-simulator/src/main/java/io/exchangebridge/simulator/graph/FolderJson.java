package io.exchangebridge.simulator.graph;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** The Graph {@code mailFolder} resource. */
final class FolderJson {

    private FolderJson() {
    }

    static ObjectNode of(MailFolder folder, MailboxStore store) {
        List<StoredMessage> messages = store.messages(folder.id());
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", folder.id());
        json.put("displayName", folder.displayName());
        if (folder.parentId().isPresent()) {
            json.put("parentFolderId", folder.parentId().get());
        } else {
            json.putNull("parentFolderId");
        }
        // counts hidden children too (not confirmed against Graph): a client that walks the tree by childFolderCount
        // must then cope with a count above what a list without includeHiddenFolders returns
        json.put("childFolderCount", store.children(folder.id(), true).size());
        json.put("unreadItemCount", messages.stream().filter(m -> !m.read()).count());
        json.put("totalItemCount", messages.size());
        json.put("sizeInBytes", messages.stream().mapToLong(StoredMessage::size).sum());
        json.put("isHidden", folder.isHidden());
        return json;
    }
}
