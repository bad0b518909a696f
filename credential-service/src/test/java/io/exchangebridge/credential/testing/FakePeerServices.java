package io.exchangebridge.credential.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
    /** The {@code On-Behalf-Of} header of each request, in order ("-" when absent). */
    public final List<String> onBehalfOf = new CopyOnWriteArrayList<>();
    /** When set, every request is answered 401 (a wrong password). */
    public volatile boolean refuse;

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
        outbox.add(sent("11111111-1111-1111-1111-111111111111", "SENT", "erp@contoso.com", "anna@example.com",
                "Invoice 1001", "250 2.0.0 OK", null, "2026-11-30T10:00:00Z"));
        outbox.add(sent("22222222-2222-2222-2222-222222222222", "FAILED", "hr@contoso.com", "bob@example.com",
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
                    ? importService(method, path, query, body, actor)
                    : smtpService(method, path, query, body, actor);
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

    private record Answer(int status, Object body) {
    }

    private Answer importService(String method, String path, Map<String, String> query, Map<String, Object> body,
            String actor) {
        String[] p = path.split("/");
        if (path.equals("/api/mailboxes")) {
            if (method.equals("GET")) {
                return ok(new ArrayList<>(mailboxes.values()));
            }
            Answer invalid = invalidMailbox(body);
            if (invalid != null) {
                return invalid;
            }
            String id = body.get("id") == null ? UUID.randomUUID().toString() : (String) body.get("id");
            if (mailboxes.containsKey(id)) {
                return problem(409, "Mailbox account '" + id + "' exists.");
            }
            mailboxes.put(id, mailbox(id, body, null));
            audit(importAudit, "import-service", actor, "mailbox.create", id, Instant.now());
            return new Answer(201, mailboxes.get(id));
        }
        if (p.length == 4 && p[2].equals("mailboxes")) {
            Map<String, Object> m = mailboxes.get(p[3]);
            if (m == null) {
                return problem(404, "No mailbox account '" + p[3] + "'.");
            }
            switch (method) {
                case "GET" :
                    return ok(m);
                case "PUT" :
                    Answer invalid = invalidMailbox(body);
                    if (invalid != null) {
                        return invalid;
                    }
                    mailboxes.put(p[3], mailbox(p[3], body, m));
                    audit(importAudit, "import-service", actor, "mailbox.update", p[3], Instant.now());
                    return ok(mailboxes.get(p[3]));
                default :
                    mailboxes.remove(p[3]);
                    audit(importAudit, "import-service", actor, "mailbox.delete", p[3], Instant.now());
                    return new Answer(204, null);
            }
        }
        if (p.length == 5 && p[2].equals("mailboxes") && p[4].equals("imports")) {
            if (!mailboxes.containsKey(p[3])) {
                return problem(404, "No mailbox account '" + p[3] + "'.");
            }
            return run(List.of(p[3]), actor, p[3]);
        }
        if (path.equals("/api/imports")) {
            if (method.equals("POST")) {
                return run(mailboxes.values().stream().filter(m -> Boolean.TRUE.equals(m.get("enabled")))
                        .map(m -> (String) m.get("id")).toList(), actor, "all");
            }
            List<Map<String, Object>> newest = new ArrayList<>(runs);
            Collections.reverse(newest);
            return ok(page(newest));
        }
        if (p.length == 4 && p[2].equals("imports")) {
            return runs.stream().filter(r -> r.get("id").equals(p[3])).findFirst().map(FakePeerServices::ok)
                    .orElse(problem(404, "No import run '" + p[3] + "'."));
        }
        if (path.equals("/api/folders")) {
            if (NO_FOLDERS.equals(query.get("mailbox"))) {
                return problem(403, "Graph refused to list the folders of " + NO_FOLDERS
                        + " (ErrorAccessDenied): the credential has no access to this mailbox.");
            }
            return ok(List.of(folder("Archive", null, 12, 0), folder("Imported", null, 40, 0),
                    folder("Inbox", "inbox", 7, 3), folder("Inbox/Support", null, 2, 2)));
        }
        if (path.equals("/api/messages")) {
            String mailbox = query.get("mailbox");
            List<Map<String, Object>> items = new ArrayList<>();
            if ("erp-inbox".equals(mailbox)) {
                items.add(message(1, "Invoice 4711", "billing@supplier.example", "2026-11-30T09:00:00Z"));
                items.add(message(2, "Order confirmation 99", "shop@supplier.example", "2026-11-30T09:30:00Z"));
            }
            return ok(page(items));
        }
        if (path.equals("/api/audit")) {
            return ok(audit(importAudit, query));
        }
        return problem(404, "No such endpoint in the fake: " + method + " " + path);
    }

    private Answer smtpService(String method, String path, Map<String, String> query, Map<String, Object> body,
            String actor) {
        String[] p = path.split("/");
        if (path.equals("/api/routes")) {
            if (method.equals("GET")) {
                return ok(new ArrayList<>(routes.values()));
            }
            Answer invalid = invalidRoute(body, null);
            if (invalid != null) {
                return invalid;
            }
            String id = UUID.randomUUID().toString();
            routes.put(id, route(id, body));
            audit(smtpAudit, "smtp-service", actor, "route.create", id, Instant.now());
            return new Answer(201, routes.get(id));
        }
        if (p.length >= 4 && p[2].equals("routes")) {
            Map<String, Object> r = routes.get(p[3]);
            if (r == null) {
                return problem(404, "No route " + p[3] + ".");
            }
            if (p.length == 5 && p[4].equals("test")) {
                String to = (String) body.get("to");
                if (to == null || !to.matches("[^@\\s]+@[^@\\s]+\\.[a-z]+")) {
                    return problem(400, "Field 'to' must be an email address.");
                }
                String id = UUID.randomUUID().toString();
                outbox.add(0, sent(id, "QUEUED", (String) r.get("sender"), to, "Exchange Bridge test message", null,
                        null, Instant.now().toString()));
                audit(smtpAudit, "smtp-service", actor, "route.test", p[3], Instant.now());
                return new Answer(202, Map.of("id", id, "status", "QUEUED", "statusUrl", "/api/messages/" + id));
            }
            switch (method) {
                case "GET" :
                    return ok(r);
                case "PUT" :
                    Answer invalid = invalidRoute(body, p[3]);
                    if (invalid != null) {
                        return invalid;
                    }
                    routes.put(p[3], route(p[3], body));
                    audit(smtpAudit, "smtp-service", actor, "route.update", p[3], Instant.now());
                    return ok(routes.get(p[3]));
                default :
                    routes.remove(p[3]);
                    audit(smtpAudit, "smtp-service", actor, "route.delete", p[3], Instant.now());
                    return new Answer(204, null);
            }
        }
        if (path.equals("/api/messages")) {
            List<Map<String, Object>> items = outbox.stream()
                    .filter(m -> matches(m.get("sender"), query.get("sender")))
                    .filter(m -> matches(m.get("recipients"), query.get("recipient")))
                    .filter(m -> matches(m.get("subject"), query.get("subject")))
                    .filter(m -> query.get("status") == null || m.get("status").equals(query.get("status")))
                    .toList();
            return ok(page(items));
        }
        if (p.length == 4 && p[2].equals("messages")) {
            return outbox.stream().filter(m -> m.get("id").equals(p[3])).findFirst().map(m -> {
                Map<String, Object> status = new LinkedHashMap<>(m);
                // the status API's names
                status.put("from", status.remove("sender"));
                status.put("lastReply", status.remove("upstreamReply"));
                return ok(status);
            }).orElse(problem(404, "No message " + p[3] + "."));
        }
        if (path.equals("/api/audit")) {
            return ok(audit(smtpAudit, query));
        }
        return problem(404, "No such endpoint in the fake: " + method + " " + path);
    }

    private static Answer invalidMailbox(Map<String, Object> b) {
        Object mailbox = b.get("mailbox");
        if (!(mailbox instanceof String s) || !s.contains("@")) {
            return problem(400, "Field 'mailbox' must be a user principal name or an object id.");
        }
        if (b.get("credentialId") == null) {
            return problem(400, "Field 'credentialId' is required.");
        }
        if (b.get("webhookUrl") != null && b.get("webhookSecret") == null) {
            return problem(400, "Field 'webhookSecret' is required with a webhookUrl (16+ characters).");
        }
        return null;
    }

    private Answer invalidRoute(Map<String, Object> b, String id) {
        Object sender = b.get("sender");
        if (!(sender instanceof String s) || !s.contains("@") && !s.contains(".")) {
            return problem(400, "Field 'sender' must be an email address or a domain.");
        }
        if (b.get("credentialId") == null) {
            return problem(400, "Field 'credentialId' is required.");
        }
        if (!(b.get("mailbox") instanceof String m) || !m.contains("@")) {
            return problem(400, "Field 'mailbox' must be an email address.");
        }
        if (b.get("transport") == null) {
            return problem(400, "Field 'transport' is required (SMTP or GRAPH).");
        }
        boolean taken = routes.values().stream().anyMatch(r -> !r.get("id").equals(id)
                && ((String) r.get("sender")).equalsIgnoreCase((String) sender));
        return taken ? problem(409, "A route for sender '" + sender + "' exists already.") : null;
    }

    private static Map<String, Object> mailbox(String id, Map<String, Object> b, Map<String, Object> before) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("mailbox", b.get("mailbox"));
        m.put("credentialId", b.get("credentialId"));
        m.put("folder", b.get("folder") == null ? "inbox" : b.get("folder"));
        Object after = b.get("afterImport") == null ? "MOVE" : b.get("afterImport");
        m.put("afterImport", after);
        m.put("moveToFolder", "MOVE".equals(after) ? b.getOrDefault("moveToFolder", "Imported") : null);
        m.put("oversizeFolder", b.get("oversizeFolder"));
        m.put("onlyUnread", Boolean.TRUE.equals(b.get("onlyUnread")));
        m.put("maxMessageBytes", b.get("maxMessageBytes") == null ? 36700160 : b.get("maxMessageBytes"));
        m.put("enabled", !Boolean.FALSE.equals(b.get("enabled")));
        m.put("webhookUrl", b.get("webhookUrl"));
        m.put("webhookSecretSet", b.get("webhookSecret") != null);
        m.put("createdAt", before == null ? Instant.now().toString() : before.get("createdAt"));
        m.put("updatedAt", Instant.now().toString());
        return m;
    }

    private static Map<String, Object> route(String id, Map<String, Object> b) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("sender", b.get("sender"));
        r.put("credentialId", b.get("credentialId"));
        r.put("mailbox", b.get("mailbox"));
        r.put("transport", b.get("transport"));
        r.put("createdAt", Instant.now().toString());
        return r;
    }

    private Answer run(List<String> ids, String actor, String detail) {
        String id = UUID.randomUUID().toString();
        List<Map<String, Object>> results = new ArrayList<>();
        for (String mailbox : ids) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mailboxId", mailbox);
            boolean failed = mailbox.startsWith("broken");
            r.put("status", failed ? "FAILED" : "SUCCEEDED");
            r.put("imported", failed ? 0 : 2);
            r.put("duplicates", 0);
            r.put("tooLarge", 0);
            r.put("failed", 0);
            r.put("actionsApplied", failed ? 0 : 2);
            if (failed) {
                r.put("errorCode", "MAILBOX_NOT_FOUND");
                r.put("reason", "Graph does not know the mailbox: check its address.");
            }
            results.add(r);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", id);
        run.put("trigger", "api");
        run.put("status", "FINISHED");
        run.put("createdAt", Instant.now().toString());
        run.put("finishedAt", Instant.now().toString());
        run.put("mailboxes", results);
        runs.add(run);
        audit(importAudit, "import-service", actor, "import.start", id, Instant.now()).put("detail", detail);
        return new Answer(202, Map.of("runId", id, "mailboxes", ids));
    }

    private Map<String, Object> audit(List<Map<String, Object>> log, String service, String actor, String action,
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

    private static Map<String, Object> audit(List<Map<String, Object>> log, Map<String, String> q) {
        int limit = q.get("limit") == null ? 50 : Integer.parseInt(q.get("limit"));
        return page(log.stream().filter(e -> matches(e.get("actor"), q.get("actor")))
                .filter(e -> q.get("action") == null || ((String) e.get("action")).startsWith(q.get("action")))
                .limit(limit).toList());
    }

    private static Map<String, Object> folder(String path, String wellKnown, int total, int unread) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", "AAMk" + path.hashCode());
        f.put("displayName", path.substring(path.lastIndexOf('/') + 1));
        f.put("path", path);
        f.put("wellKnownName", wellKnown);
        f.put("totalItemCount", total);
        f.put("unreadItemCount", unread);
        return f;
    }

    private static Map<String, Object> message(long id, String subject, String from, String date) {
        return Map.of("id", id, "mailboxId", "erp-inbox", "subject", subject, "from", from, "date", date,
                "importedAt", date, "status", "NEW", "size", 1234);
    }

    private static Map<String, Object> sent(String id, String status, String sender, String to, String subject,
            String reply, String explanation, String createdAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status);
        m.put("sender", sender);
        m.put("recipients", List.of(to));
        m.put("subject", subject);
        m.put("createdAt", createdAt);
        m.put("attempts", 1);
        m.put("upstreamReply", reply);
        m.put("explanation", explanation);
        m.put("transport", "SMTP");
        return m;
    }

    private static Map<String, Object> page(List<Map<String, Object>> items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("nextCursor", null);
        return page;
    }

    private static boolean matches(Object value, String wanted) {
        return wanted == null || String.valueOf(value).toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(
                Locale.ROOT));
    }

    private static Answer ok(Object body) {
        return new Answer(200, body);
    }

    private static Answer problem(int status, String detail) {
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
