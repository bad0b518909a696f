package io.exchangebridge.importer.event.write;

import jakarta.enterprise.context.ApplicationScoped;

/** Points in an event write where tests inject crashes (with {@code QuarkusMock}); does nothing in production. */
@ApplicationScoped
public class EventWriteCheckpoints {

    /** Called when Graph answered a create and before the store and the idempotency key have it. */
    public void afterGraphCreate(String mailboxId, String graphId) {
        // nothing in production
    }
}
