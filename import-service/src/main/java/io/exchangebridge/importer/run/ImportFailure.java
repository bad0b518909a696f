package io.exchangebridge.importer.run;

/** An error that ends a mailbox's import, with its code and an actionable reason (never a token). */
final class ImportFailure extends RuntimeException {

    private final FailureCode code;

    ImportFailure(FailureCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    FailureCode code() {
        return code;
    }
}
