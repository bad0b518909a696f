package io.exchangebridge.importer.run;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Points in an import where tests inject crashes (with {@code QuarkusMock}); does nothing in production.
 */
@ApplicationScoped
public class ImportCheckpoints {

    /** Called after a message and its receipt are committed and before the after-import action. */
    public void afterStore(String mailboxId, String graphId) {
        // nothing in production
    }
}
