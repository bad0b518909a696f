package io.exchangebridge.credential.testing;

import static io.exchangebridge.credential.testing.FakePeerServices.matches;
import static io.exchangebridge.credential.testing.FakePeerServices.ok;
import static io.exchangebridge.credential.testing.FakePeerServices.page;
import static io.exchangebridge.credential.testing.FakePeerServices.problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.exchangebridge.credential.testing.FakePeerServices.Answer;

/** The smtp-service's API in {@link FakePeerServices}: sender routes with tests, the outbox, the audit log. */
final class FakeSmtpService {

    private final FakePeerServices fake;

    FakeSmtpService(FakePeerServices fake) {
        this.fake = fake;
    }

    Answer handle(String method, String path, Map<String, String> query, Map<String, Object> body,
            String actor) {
        String[] p = path.split("/");
        if (path.equals("/api/routes")) {
            if (method.equals("GET")) {
                return ok(new ArrayList<>(fake.routes.values()));
            }
            Answer invalid = invalidRoute(body, null);
            if (invalid != null) {
                return invalid;
            }
            String id = UUID.randomUUID().toString();
            fake.routes.put(id, route(id, body));
            fake.audit(fake.smtpAudit, "smtp-service", actor, "route.create", id, Instant.now());
            return new Answer(201, fake.routes.get(id));
        }
        if (p.length >= 4 && p[2].equals("routes")) {
            Map<String, Object> r = fake.routes.get(p[3]);
            if (r == null) {
                return problem(404, "No route " + p[3] + ".");
            }
            if (p.length == 5 && p[4].equals("test")) {
                String to = (String) body.get("to");
                if (to == null || !to.matches("[^@\\s]+@[^@\\s]+\\.[a-z]+")) {
                    return problem(400, "Field 'to' must be an email address.");
                }
                String id = UUID.randomUUID().toString();
                fake.outbox.add(0,
                        sent(id, "QUEUED", (String) r.get("sender"), to, "Exchange Bridge test message", null,
                                null, Instant.now().toString()));
                fake.audit(fake.smtpAudit, "smtp-service", actor, "route.test", p[3], Instant.now());
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
                    fake.routes.put(p[3], route(p[3], body));
                    fake.audit(fake.smtpAudit, "smtp-service", actor, "route.update", p[3], Instant.now());
                    return ok(fake.routes.get(p[3]));
                default :
                    fake.routes.remove(p[3]);
                    fake.audit(fake.smtpAudit, "smtp-service", actor, "route.delete", p[3], Instant.now());
                    return new Answer(204, null);
            }
        }
        if (path.equals("/api/messages")) {
            List<Map<String, Object>> items = fake.outbox.stream()
                    .filter(m -> matches(m.get("sender"), query.get("sender")))
                    .filter(m -> matches(m.get("recipients"), query.get("recipient")))
                    .filter(m -> matches(m.get("subject"), query.get("subject")))
                    .filter(m -> query.get("status") == null || m.get("status").equals(query.get("status")))
                    .toList();
            return ok(page(items));
        }
        if (p.length == 4 && p[2].equals("messages")) {
            return fake.outbox.stream().filter(m -> m.get("id").equals(p[3])).findFirst().map(m -> {
                Map<String, Object> status = new LinkedHashMap<>(m);
                // the status API's names
                status.put("from", status.remove("sender"));
                status.put("lastReply", status.remove("upstreamReply"));
                return ok(status);
            }).orElse(problem(404, "No message " + p[3] + "."));
        }
        if (path.equals("/api/audit")) {
            return ok(FakePeerServices.audit(fake.smtpAudit, query));
        }
        return problem(404, "No such endpoint in the fake: " + method + " " + path);
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
        boolean taken = fake.routes.values().stream().anyMatch(r -> !r.get("id").equals(id)
                && ((String) r.get("sender")).equalsIgnoreCase((String) sender));
        return taken ? problem(409, "A route for sender '" + sender + "' exists already.") : null;
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

    static Map<String, Object> sent(String id, String status, String sender, String to, String subject,
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
}
