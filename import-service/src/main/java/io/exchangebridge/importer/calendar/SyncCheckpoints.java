package io.exchangebridge.importer.calendar;

import jakarta.enterprise.context.ApplicationScoped;

/** Points in a calendar sync where tests inject crashes (with {@code QuarkusMock}); does nothing in production. */
@ApplicationScoped
public class SyncCheckpoints {

    /** Called after one reported change (an event's state or a removal) is committed. */
    public void afterChange(String mailboxId, String graphId) {
        // nothing in production
    }
}
