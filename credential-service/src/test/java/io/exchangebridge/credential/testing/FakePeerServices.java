package io.exchangebridge.credential.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small stateful stand-in for the import-service ({@code /import}) and the smtp-service ({@code /smtp}) as the
 * issue's contracts describe their APIs: mailbox accounts, folders, runs, imported messages, sender routes with tests,
 * the outbox and the audit log, behind HTTP Basic, answering bad input with problem+json 400 naming the field as the
 * real services do. It records the {@code X-Exchange-Bridge-On-Behalf-Of} header of every request, and audits writes as
 * {@code "<person> via <user>"}.
 */
public final class FakePeerServices {

    public static final String USER = "ui-console";
    public static final String PASSWORD = "console-pass";
    /** A mailbox whose folders cannot be listed (Graph 403). */
    public static final String NO_FOLDERS = "locked@contoso.onmicrosoft.com";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    public final Map<String, Map<String, Object>> mailboxes = new LinkedHashMap<>();
    public final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
    public final List<Map<String, Object>> runs = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> outbox = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> importAudit = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> smtpAudit = new CopyOnWriteArrayList<>();
    /** The import-service's calendar events ({@code EventView} with the change sequence {@code changeSeq}). */
    public final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    /** The body of each {@code POST} and {@code PUT} of a mailbox account, in order. */
    public final List<Map<String, Object>> mailboxRequests = new CopyOnWriteArrayList<>();
    /** The query of each {@code GET /api/events}, in order. */
    public final List<Map<String, String>> eventQueries = new CopyOnWriteArrayList<>();
    /** When set, {@code GET /api/events} answers 404, as an import-service without calendar sync does. */
    public volatile boolean eventsUnsupported;
    /** The {@code On-Behalf-Of} header of each request, in order ("-" when absent). */
    public final List<String> onBehalfOf = new CopyOnWriteArrayList<>();
    /** When set, every request is answered 401 (a wrong password). */
    public volatile boolean refuse;

    private final FakeImportService importApi = new FakeImportService(this);
    private final FakeSmtpService smtpApi = new FakeSmtpService(this);
    private HttpServer server;
    private long auditIds;

    public String start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/import/", exchange -> handle(exchange, true));
        server.createContext("/smtp/", exchange -> handle(exchange, false));
        server.start();
        reset();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Back to the seeded state: one mailbox account with two imported messages, no routes, two sent messages. */
    public synchronized void reset() {
        refuse = false;
        eventsUnsupported = false;
        events.clear();
        eventQueries.clear();
        mailboxRequests.clear();
        mailboxes.clear();
        routes.clear();
        runs.clear();
        outbox.clear();
        importAudit.clear();
        smtpAudit.clear();
        onBehalfOf.clear();
        Map<String, Object> seeded = new LinkedHashMap<>(Map.of("id", "erp-inbox", "mailbox",
                "erp@contoso.onmicrosoft.com", "credentialId", "erp-mail", "folder", "Inbox", "afterImport", "MOVE",
                "moveToFolder", "Imported", "onlyUnread", true, "maxMessageBytes", 36700160, "enabled", true,
                "webhookSecretSet", false));
        seeded.put("createdAt", "2026-11-22T10:00:00Z");
        seeded.put("updatedAt", "2026-11-22T10:00:00Z");
        mailboxes.put("erp-inbox", seeded);
        outbox.add(FakeSmtpService.sent("11111111-1111-1111-1111-111111111111", "SENT", "erp@contoso.com",
                "anna@example.com",
                "Invoice 1001", "250 2.0.0 OK", null, "2026-11-30T10:00:00Z"));
        outbox.add(FakeSmtpService.sent("22222222-2222-2222-2222-222222222222", "FAILED", "hr@contoso.com",
                "bob@example.com",
                "Payslip", "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException",
                "The mailbox may not send as this sender: grant Send As in Exchange.", "2026-11-30T11:00:00Z"));
        audit(importAudit, "import-service", "someone via console", "mailbox.create", "erp-inbox",
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    private synchronized void handle(HttpExchange exchange, boolean importService) throws IOException {
        try {
            onBehalfOf.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-On-Behalf-Of")));
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (refuse || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath().replaceFirst("^/(import|smtp)", "");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, Object> body = raw.length == 0
                    ? Map.of()
                    : JSON.readValue(raw, new TypeReference<Map<String, Object>>() {
                    });
            String actor = exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-On-Behalf-Of") + " via " + USER;
            Answer answer = importService
                    ? importApi.handle(method, path, query, body, actor)
                    : smtpApi.handle(method, path, query, body, actor);
            byte[] out = answer.body == null ? new byte[0] : JSON.writeValueAsBytes(answer.body);
            exchange.getResponseHeaders().add("Content-Type",
                    answer.status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * Adds a calendar event of an hour from {@code start} (UTC) to the import-service's store, changed after all the
     * others, and returns it (to change it, e.g. {@code put("deleted", true)}).
     */
    public Map<String, Object> event(String id, String mailbox, String subject, LocalDateTime start) {
        Map<String, Object> e = FakeImportCalendar.event(id, mailbox, subject, start, events.size() + 1L);
        events.add(e);
        return e;
    }

    /** A status and the JSON body to send, or none. */
    record Answer(int status, Object body) {
    }

    /** Adds an entry at the top of {@code log}, as the services' audit trail does, and returns it. */
    Map<String, Object> audit(List<Map<String, Object>> log, String service, String actor, String action,
            String target, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", ++auditIds);
        e.put("at", at.toString());
        e.put("service", service);
        e.put("actor", actor);
        e.put("action", action);
        e.put("target", target);
        e.put("result", "OK");
        e.put("count", 1);
        log.add(0, e);
        return e;
    }

    /** A page of {@code GET /api/audit} of {@code log}, filtered like the real one. */
    static Map<String, Object> audit(List<Map<String, Object>> log, Map<String, String> q) {
        int limit = q.get("limit") == null ? 50 : Integer.parseInt(q.get("limit"));
        return page(log.stream().filter(e -> matches(e.get("actor"), q.get("actor")))
                .filter(e -> q.get("action") == null || ((String) e.get("action")).startsWith(q.get("action")))
                .limit(limit).toList());
    }

    static Map<String, Object> page(List<Map<String, Object>> items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("nextCursor", null);
        return page;
    }

    static boolean matches(Object value, String wanted) {
        return wanted == null || String.valueOf(value).toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(
                Locale.ROOT));
    }

    static Answer ok(Object body) {
        return new Answer(200, body);
    }

    static Answer problem(int status, String detail) {
        return new Answer(status, Map.of("type", "about:blank", "title", "Problem", "status", status, "detail",
                detail));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }
}
