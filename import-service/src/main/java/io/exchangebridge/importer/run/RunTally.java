package io.exchangebridge.importer.run;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The counts of one mailbox's import, updated by its parallel workers, and the result made of them. */
final class RunTally {

    private final String mailboxId;
    private final Instant startedAt;
    private final AtomicInteger imported = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger tooLarge = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger actions = new AtomicInteger();
    private final AtomicInteger eventsChanged = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicReference<String> tooLargeNote = new AtomicReference<>();

    RunTally(String mailboxId, Instant startedAt) {
        this.mailboxId = mailboxId;
        this.startedAt = startedAt;
    }

    void imported() {
        imported.incrementAndGet();
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    void actionApplied() {
        actions.incrementAndGet();
    }

    /** A message over maxMessageBytes; the first one's note becomes the reason of a run without other news. */
    void tooLarge(String note) {
        tooLarge.incrementAndGet();
        tooLargeNote.compareAndSet(null, note);
    }

    /** A message that could not be imported; it is retried in the next run. */
    void messageFailed(String reason) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, reason);
    }

    /** Calendar events the sync created, updated or deleted. */
    void eventsChanged(int n) {
        eventsChanged.addAndGet(n);
    }

    boolean anyMessageFailed() {
        return failed.get() > 0;
    }

    /** SUCCEEDED, or PARTIAL with the first message's failure as the reason. */
    MailboxResult finished() {
        return anyMessageFailed()
                ? result(ImportStatus.PARTIAL, null, firstFailure.get())
                : result(ImportStatus.SUCCEEDED, null, null);
    }

    MailboxResult failed(ImportFailure failure) {
        return result(ImportStatus.FAILED, failure.code(), failure.getMessage());
    }

    private MailboxResult result(ImportStatus status, FailureCode code, String reason) {
        String why = reason != null ? reason : tooLargeNote.get();
        return new MailboxResult(mailboxId, status, imported.get(), duplicates.get(), tooLarge.get(), failed.get(),
                actions.get(), code, why, startedAt, Instant.now(), eventsChanged.get(), null);
    }
}
