package io.exchangebridge.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A small OTLP/HTTP trace receiver ({@code POST /v1/traces}, protobuf, as Quarkus' exporter sends with
 * {@code quarkus.otel.exporter.otlp.protocol=http/protobuf}): what a collector would get from the services, kept in
 * memory (the newest 50,000 spans) for the tests to read. The protobuf classes are OpenTelemetry's own
 * ({@code opentelemetry-proto}), so the wire format is checked as a collector reads it.
 */
final class OtlpReceiver implements AutoCloseable {

    private static final int KEEP = 50_000;

    /** One received span: the process that sent it ({@code service.name}), its ids and its name. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Span.SpanKind kind) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<ReceivedSpan> spans = new ConcurrentLinkedDeque<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    byte[] body;
                    try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders()
                            .getFirst("Content-Encoding"))
                                    ? new GZIPInputStream(exchange.getRequestBody())
                                    : exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    receiver.add(ExportTraceServiceRequest.parseFrom(body));
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    if (answer.length > 0) {
                        exchange.getResponseBody().write(answer);
                    }
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the services send ({@code quarkus.otel.exporter.otlp.endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void add(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                    .map(v -> v.getStringValue()).findFirst().orElse("");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span s : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind()));
                }
            }
        }
        while (spans.size() > KEEP) {
            spans.pollFirst();
        }
    }

    /** The spans of one trace received so far. */
    List<ReceivedSpan> trace(String traceId) {
        List<ReceivedSpan> found = new ArrayList<>();
        for (ReceivedSpan s : spans) {
            if (s.traceId().equals(traceId)) {
                found.add(s);
            }
        }
        return found;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
