package io.exchangebridge.testing;

/** What a commit of an {@link EmbeddedPostgres} waits for. */
public enum PostgresDurability {

    /**
     * {@code fsync=off} and {@code synchronous_commit=off}: a commit returns before its WAL reaches the disk, and
     * nothing is ever flushed. A crash of PostgreSQL alone loses nothing, but a crash of the machine can lose committed
     * transactions or corrupt the cluster. For throw-away test databases, where it keeps the suite fast.
     */
    FAST,

    /**
     * {@code fsync=on} and {@code synchronous_commit=on}, PostgreSQL's defaults and production's: a commit returns once
     * its WAL is flushed to disk, so what a service acknowledged after a commit survives a crash of the machine.
     */
    DURABLE
}
