package io.exchangebridge.simulator.graph;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.exchangebridge.simulator.graph.calendar.CalendarOperations;

/**
 * A recognised Graph mail or calendar request: its stable endpoint name for the request log, the permission it needs,
 * the mailbox it addresses ({@code users/{u}}, or empty for {@code /me}) and what runs it.
 */
record GraphRoute(String endpoint, Permission permission, Optional<String> user,
        Function<MailContext, GraphResponse> operation) {

    /** What the token must grant. */
    enum Permission {
        /** Mail.Read or Mail.ReadWrite. */
        READ,
        /** Mail.ReadWrite. */
        WRITE,
        /** Mail.Send. */
        SEND,
        /** Calendars.Read or Calendars.ReadWrite. */
        CALENDAR_READ,
        /** Calendars.ReadWrite. */
        CALENDAR_WRITE;

        /** Whether the call only reads, so that a full mailbox does not refuse it. */
        boolean readOnly() {
            return this == READ || this == CALENDAR_READ;
        }
    }

    private static final List<String> DELTA = List.of("delta", "delta()", "microsoft.graph.delta",
            "microsoft.graph.delta()");

    /** Matches {@code /me/...} and {@code /users/{u}/...}; Graph's 400 / 405 otherwise. */
    static GraphRoute match(GraphRequest request, DeltaOperation delta, SendMailOperation sendMail,
            CalendarOperations calendar, DraftOperations drafts, AttachmentOperations attachments) {
        Mail mail = new Mail(delta, drafts, attachments);
        List<String> s = request.segments();
        if (s.isEmpty()) {
            throw GraphErrors.unknownSegment("");
        }
        Optional<String> user;
        List<String> rest;
        if (s.get(0).equals("me")) {
            user = Optional.empty();
            rest = s.subList(1, s.size());
        } else if (s.get(0).equals("users") && s.size() >= 2) {
            user = Optional.of(s.get(1));
            rest = s.subList(2, s.size());
        } else {
            throw GraphErrors.unknownSegment(s.get(0));
        }
        String method = request.method();
        if (rest.size() == 1 && (rest.get(0).equals("sendMail") || rest.get(0).equals("microsoft.graph.sendMail"))) {
            return only(method, "POST", new GraphRoute("sendMail", Permission.SEND, user, sendMail::run));
        }
        if (rest.isEmpty()) {
            throw GraphErrors.unknownSegment(s.get(s.size() - 1));
        }
        if (CalendarRoutes.ROOTS.contains(rest.get(0))) {
            return CalendarRoutes.match(method, user, rest, calendar);
        }
        if (rest.get(0).equals("mailFolders")) {
            return folders(method, user, rest.subList(1, rest.size()), mail);
        }
        if (rest.get(0).equals("messages")) {
            List<String> tail = rest.subList(1, rest.size());
            if (tail.isEmpty()) {
                return messages(method, user, null, drafts);
            }
            return message(method, user, tail, mail);
        }
        throw GraphErrors.unknownSegment(rest.get(0));
    }

    /** What the message routes run. */
    private record Mail(DeltaOperation delta, DraftOperations drafts, AttachmentOperations attachments) {
    }

    /** {@code GET} lists a folder's (or every) message, {@code POST} creates a draft there (or in Drafts). */
    private static GraphRoute messages(String method, Optional<String> user, String folder, DraftOperations drafts) {
        return switch (method) {
            case "GET" -> new GraphRoute("messages.list", Permission.READ, user, c -> MessageOperations.list(c,
                    folder));
            case "POST" -> new GraphRoute("message.create", Permission.WRITE, user, c -> drafts.create(c, folder));
            default -> throw GraphErrors.unsupportedMethod();
        };
    }

    private static GraphRoute folders(String method, Optional<String> user, List<String> rest, Mail mail) {
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> new GraphRoute("mailFolders.list", Permission.READ, user,
                        c -> FolderOperations.list(c, null));
                case "POST" -> new GraphRoute("mailFolders.create", Permission.WRITE, user,
                        c -> FolderOperations.create(c, null));
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        String folder = rest.get(0);
        if (rest.size() == 1) {
            return only(method, "GET",
                    new GraphRoute("mailFolders.get", Permission.READ, user, c -> FolderOperations.get(c, folder)));
        }
        String child = rest.get(1);
        if (child.equals("childFolders") && rest.size() == 2) {
            return switch (method) {
                case "GET" -> new GraphRoute("mailFolders.childFolders", Permission.READ, user,
                        c -> FolderOperations.list(c, folder));
                case "POST" -> new GraphRoute("mailFolders.create", Permission.WRITE, user,
                        c -> FolderOperations.create(c, folder));
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        if (child.equals("messages")) {
            if (rest.size() == 2) {
                return messages(method, user, folder, mail.drafts());
            }
            if (rest.size() == 3 && DELTA.contains(rest.get(2))) {
                return only(method, "GET", new GraphRoute("delta", Permission.READ, user,
                        c -> mail.delta().run(c, folder)));
            }
            return message(method, user, rest.subList(2, rest.size()), mail);
        }
        throw GraphErrors.unknownSegment(child);
    }

    private static GraphRoute message(String method, Optional<String> user, List<String> rest, Mail mail) {
        String id = rest.get(0);
        DraftOperations drafts = mail.drafts();
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> new GraphRoute("message.get", Permission.READ, user, c -> MessageOperations.get(c, id));
                case "PATCH" -> new GraphRoute("message.patch", Permission.WRITE, user, c -> drafts.patch(c, id));
                case "DELETE" -> new GraphRoute("message.delete", Permission.WRITE, user, c -> drafts.delete(c, id));
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        String action = rest.get(1);
        if (action.equals("attachments")) {
            return attachments(method, user, id, rest.subList(2, rest.size()), mail.attachments());
        }
        if (rest.size() == 2 && (action.equals("send") || action.equals("microsoft.graph.send"))) {
            return only(method, "POST", new GraphRoute("message.send", Permission.SEND, user, c -> drafts.send(c,
                    id)));
        }
        if (rest.size() == 2 && action.equals("$value")) {
            return only(method, "GET",
                    new GraphRoute("message.value", Permission.READ, user, c -> MessageOperations.value(c, id)));
        }
        if (rest.size() == 2 && (action.equals("move") || action.equals("microsoft.graph.move"))) {
            return only(method, "POST",
                    new GraphRoute("message.move", Permission.WRITE, user, c -> MessageOperations.move(c, id)));
        }
        throw GraphErrors.unknownSegment(action);
    }

    private static GraphRoute attachments(String method, Optional<String> user, String id, List<String> rest,
            AttachmentOperations attachments) {
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> new GraphRoute("attachments.list", Permission.READ, user, c -> attachments.list(c, id));
                case "POST" -> new GraphRoute("attachment.add", Permission.WRITE, user, c -> attachments.add(c, id));
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        String next = rest.get(0);
        if (rest.size() == 1 && (next.equals("createUploadSession")
                || next.equals("microsoft.graph.createUploadSession"))) {
            return only(method, "POST", new GraphRoute("attachment.createUploadSession", Permission.WRITE, user,
                    c -> attachments.createUploadSession(c, id)));
        }
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> new GraphRoute("attachment.get", Permission.READ, user, c -> attachments.get(c, id,
                        next));
                case "DELETE" -> new GraphRoute("attachment.delete", Permission.WRITE, user,
                        c -> attachments.delete(c, id, next));
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        throw GraphErrors.unknownSegment(rest.get(1));
    }

    private static GraphRoute only(String method, String allowed, GraphRoute route) {
        if (!method.equals(allowed)) {
            throw GraphErrors.unsupportedMethod();
        }
        return route;
    }
}
