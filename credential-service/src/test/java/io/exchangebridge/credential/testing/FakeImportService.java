package io.exchangebridge.credential.testing;

import static io.exchangebridge.credential.testing.FakePeerServices.NO_FOLDERS;
import static io.exchangebridge.credential.testing.FakePeerServices.ok;
import static io.exchangebridge.credential.testing.FakePeerServices.page;
import static io.exchangebridge.credential.testing.FakePeerServices.problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.exchangebridge.credential.testing.FakePeerServices.Answer;

/**
 * The import-service's API in {@link FakePeerServices}: mailbox accounts, runs, folders, messages, events (in
 * {@link FakeImportCalendar}), the audit log.
 */
final class FakeImportService {

    private final FakePeerServices fake;
    private final FakeImportCalendar calendar;

    FakeImportService(FakePeerServices fake) {
        this.fake = fake;
        this.calendar = new FakeImportCalendar(fake);
    }

    Answer handle(String method, String path, Map<String, String> query, Map<String, Object> body,
            String actor) {
        String[] p = path.split("/");
        if (path.equals("/api/mailboxes")) {
            if (method.equals("GET")) {
                return ok(new ArrayList<>(fake.mailboxes.values()));
            }
            Answer invalid = invalidMailbox(body);
            if (invalid != null) {
                return invalid;
            }
            String id = body.get("id") == null ? UUID.randomUUID().toString() : (String) body.get("id");
            if (fake.mailboxes.containsKey(id)) {
                return problem(409, "Mailbox account '" + id + "' exists.");
            }
            fake.mailboxes.put(id, mailbox(id, body, null));
            fake.audit(fake.importAudit, "import-service", actor, "mailbox.create", id, Instant.now());
            return new Answer(201, fake.mailboxes.get(id));
        }
        if (p.length == 4 && p[2].equals("mailboxes")) {
            Map<String, Object> m = fake.mailboxes.get(p[3]);
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
                    fake.mailboxes.put(p[3], mailbox(p[3], body, m));
                    fake.audit(fake.importAudit, "import-service", actor, "mailbox.update", p[3], Instant.now());
                    return ok(fake.mailboxes.get(p[3]));
                default :
                    fake.mailboxes.remove(p[3]);
                    fake.audit(fake.importAudit, "import-service", actor, "mailbox.delete", p[3], Instant.now());
                    return new Answer(204, null);
            }
        }
        if (p.length == 5 && p[2].equals("mailboxes") && p[4].equals("imports")) {
            if (!fake.mailboxes.containsKey(p[3])) {
                return problem(404, "No mailbox account '" + p[3] + "'.");
            }
            return run(List.of(p[3]), actor, p[3]);
        }
        if (path.equals("/api/imports")) {
            if (method.equals("POST")) {
                return run(fake.mailboxes.values().stream().filter(m -> Boolean.TRUE.equals(m.get("enabled")))
                        .map(m -> (String) m.get("id")).toList(), actor, "all");
            }
            List<Map<String, Object>> newest = new ArrayList<>(fake.runs);
            Collections.reverse(newest);
            return ok(page(newest));
        }
        if (p.length == 4 && p[2].equals("imports")) {
            return fake.runs.stream().filter(r -> r.get("id").equals(p[3])).findFirst().map(FakePeerServices::ok)
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
        if (path.equals("/api/events")) {
            return calendar.events(query);
        }
        if (path.equals("/api/audit")) {
            return ok(FakePeerServices.audit(fake.importAudit, query));
        }
        return problem(404, "No such endpoint in the fake: " + method + " " + path);
    }

    private Answer invalidMailbox(Map<String, Object> b) {
        fake.mailboxRequests.add(b);
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
        return FakeImportCalendar.invalid(b);
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
        FakeImportCalendar.settings(m, b, before);
        m.put("createdAt", before == null ? Instant.now().toString() : before.get("createdAt"));
        m.put("updatedAt", Instant.now().toString());
        return m;
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
            Integer events = failed ? null : FakeImportCalendar.sync(fake.mailboxes.get(mailbox), Instant.now());
            if (events != null) {
                r.put("eventsChanged", events);
            }
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
        fake.runs.add(run);
        fake.audit(fake.importAudit, "import-service", actor, "import.start", id, Instant.now()).put("detail", detail);
        return new Answer(202, Map.of("runId", id, "mailboxes", ids));
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
}
