package io.exchangebridge.importer.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An import run: RUNNING until every mailbox has a result, then FINISHED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(UUID id, String trigger, String status, Instant createdAt, Instant finishedAt,
        List<MailboxResult> mailboxes) {
}
