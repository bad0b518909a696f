package io.exchangebridge.simulator.graph.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a client wrote into a draft: the message resource's writable properties (subject, body, recipients, from,
 * replyTo, importance, internetMessageHeaders) and its attachments. The stored message's MIME is rebuilt from it.
 */
public final class Draft {

    private final ObjectNode resource;
    private final List<DraftAttachment> attachments = new ArrayList<>();

    Draft(ObjectNode resource) {
        this.resource = resource;
    }

    /** A copy of the written properties. */
    public synchronized ObjectNode resource() {
        return resource.deepCopy();
    }

    /** Sets (or with a JSON null removes) the given properties. */
    public synchronized void patch(ObjectNode changes) {
        resource.setAll(changes);
    }

    public synchronized List<DraftAttachment> attachments() {
        return List.copyOf(attachments);
    }

    public synchronized Optional<DraftAttachment> attachment(String id) {
        return attachments.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public synchronized void add(DraftAttachment attachment) {
        attachments.add(attachment);
    }

    public synchronized boolean remove(String attachmentId) {
        return attachments.removeIf(a -> a.id().equals(attachmentId));
    }

    /** The bytes of all attachments together, for the 150 MB message limit. */
    public synchronized long attachmentBytes() {
        return attachments.stream().mapToLong(DraftAttachment::size).sum();
    }
}
