package io.exchangebridge.simulator.log;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Every request the simulator answered, for tests to assert on. Thread-safe. */
public final class RequestLog {

    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();

    public void record(RequestRecord record) {
        records.add(record);
    }

    public List<RequestRecord> records() {
        return List.copyOf(records);
    }

    public long count(Predicate<RequestRecord> filter) {
        return records.stream().filter(filter).count();
    }

    /** Requests of one endpoint, e.g. {@code count("entra", "token")}. */
    public long count(String protocol, String endpoint) {
        return count(r -> r.protocol().equals(protocol) && r.endpoint().equals(endpoint));
    }

    /** Requests made before a Retry-After given to the same client had passed. */
    public long earlyRetries() {
        return count(RequestRecord::earlyRetry);
    }

    public void clear() {
        records.clear();
    }
}
