package io.exchangebridge.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The spans a service under test exported, kept in memory (the newest 10,000, so that a long test class cannot fill the
 * heap). A module's tests make it a bean ({@code @Produces @Singleton}); Quarkus' OTLP exporter then stands down and
 * the SDK exports here.
 */
public final class RecordingSpanExporter implements SpanExporter {

    private static final int KEPT = 10_000;
    private final Deque<SpanData> spans = new ArrayDeque<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData span : batch) {
            if (spans.size() == KEPT) {
                spans.removeFirst();
            }
            spans.addLast(span);
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** The spans of {@code traceId} exported so far. */
    public synchronized List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /** Waits (up to 30 s: spans are exported in batches) for the first exported span that matches. */
    public SpanData awaitSpan(Predicate<SpanData> matching) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> first(matching), s -> s != null);
    }

    private synchronized SpanData first(Predicate<SpanData> matching) {
        return spans.stream().filter(matching).findFirst().orElse(null);
    }
}
