package io.exchangebridge.importer.run;

/** An import run is RUNNING until every mailbox has a result, then FINISHED. */
public enum RunStatus {
    RUNNING, FINISHED
}
