package io.exchangebridge.importer.run;

import java.util.List;
import java.util.UUID;

/** Answer of {@code POST /api/imports}: the run id and the mailboxes it covers. */
public record RunStarted(UUID runId, List<String> mailboxes) {
}
