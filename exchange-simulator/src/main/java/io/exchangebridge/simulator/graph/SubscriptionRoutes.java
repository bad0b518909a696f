package io.exchangebridge.simulator.graph;

import java.util.List;
import java.util.Set;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.graph.subscription.SubscriptionAnswer;
import io.exchangebridge.simulator.graph.subscription.SubscriptionCaller;
import io.exchangebridge.simulator.graph.subscription.SubscriptionFailure;
import io.exchangebridge.simulator.graph.subscription.SubscriptionOperations;
import io.exchangebridge.simulator.graph.subscription.SubscriptionResource;

/**
 * {@code /subscriptions} and {@code /subscriptions/{id}}. They are not below a mailbox, so they do not go through
 * {@link GraphRoute}: the mailbox is the one the subscription's resource names (the request body's on create, the
 * stored subscription's afterwards), and the token must have that resource's read permission and pass the same
 * application access policy as a read of the resource would. Microsoft Learn ("Change notifications for Outlook
 * resources"): delegated tokens subscribe only to the signed-in user's own mailbox, and the {@code .Shared} scopes do
 * not allow subscriptions.
 */
final class SubscriptionRoutes {

    /** What the Graph API logs of the call, filled in as far as the call got. */
    static final class Call {
        String endpoint = "subscriptions";
        AccessToken token;
        Mailbox mailbox;
    }

    private static final Set<String> REAUTHORIZE = Set.of("reauthorize", "microsoft.graph.reauthorize");

    private final GraphApi api;
    private final Directory directory;
    private final SubscriptionOperations ops;

    SubscriptionRoutes(GraphApi api, Directory directory, SubscriptionOperations ops) {
        this.api = api;
        this.directory = directory;
        this.ops = ops;
    }

    static boolean matches(GraphRequest request) {
        return !request.segments().isEmpty() && request.segments().get(0).equals("subscriptions");
    }

    GraphResponse run(GraphRequest r, Call call) {
        List<String> s = r.segments();
        boolean reauthorize = s.size() == 3 && REAUTHORIZE.contains(s.get(2));
        if (s.size() > 2 && !reauthorize) {
            throw GraphErrors.unknownSegment(s.get(2));
        }
        String method = r.method();
        call.endpoint = reauthorize ? reauthorizeEndpoint(method) : endpoint(method, s.size() == 1);
        AccessToken token = api.authenticate(r);
        call.token = token;
        // Graph's creatorId: the signed-in user, or the app's service principal
        SubscriptionCaller caller = new SubscriptionCaller(token.appId(), token.tenantId(), token.objectId());
        try {
            if (s.size() == 1 && method.equals("GET")) {
                return answer(ops.list(caller, r.baseUrl()));
            }
            if (s.size() == 1) {
                Mailbox mailbox = authorize(ops.resourceOf(r.body()), token, call);
                return answer(ops.create(caller, mailbox.upn(), mailbox.id(), r.body(), r.immutableIds(),
                        r.baseUrl()));
            }
            String id = s.get(1);
            authorize(ops.resourceOf(caller, id), token, call);
            return answer(switch (reauthorize ? "REAUTHORIZE" : method) {
                case "REAUTHORIZE" -> ops.reauthorize(caller, id);
                case "GET" -> ops.get(caller, id, r.baseUrl());
                case "PATCH" -> ops.update(caller, id, r.body(), r.baseUrl());
                default -> ops.delete(caller, id);
            });
        } catch (SubscriptionFailure e) {
            throw new GraphException(e.kind().status(), e.code(), e.getMessage());
        }
    }

    private static String reauthorizeEndpoint(String method) {
        if (!method.equals("POST")) {
            throw GraphErrors.unsupportedMethod();
        }
        return "subscription.reauthorize";
    }

    private static String endpoint(String method, boolean collection) {
        if (collection) {
            return switch (method) {
                case "GET" -> "subscriptions.list";
                case "POST" -> "subscriptions.create";
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        return switch (method) {
            case "GET" -> "subscription.get";
            case "PATCH" -> "subscription.update";
            case "DELETE" -> "subscription.delete";
            default -> throw GraphErrors.unsupportedMethod();
        };
    }

    private Mailbox authorize(SubscriptionResource resource, AccessToken token, Call call) {
        Mailbox mailbox = api.mailbox(resource.user(), token);
        call.mailbox = mailbox;
        boolean mail = resource.family() == SubscriptionResource.Family.MAIL;
        String family = mail ? "Mail" : "Calendars";
        boolean permitted = token.hasPermission(family + ".Read") || token.hasPermission(family + ".ReadWrite");
        boolean granted;
        if (token.delegated()) {
            granted = permitted && mailbox.upn().equalsIgnoreCase(token.upn().orElse(""));
        } else {
            AccessToken asReadWrite = GraphApi.asReadWrite(token, family);
            granted = permitted && (mail
                    ? directory.mayAccessMail(asReadWrite, mailbox)
                    : directory.mayAccessCalendar(asReadWrite, mailbox));
        }
        if (!granted) {
            throw GraphErrors.accessDenied();
        }
        return mailbox;
    }

    private static GraphResponse answer(SubscriptionAnswer answer) {
        return answer.body() == null
                ? GraphResponse.empty(answer.status())
                : GraphResponse.json(answer.status(), answer.body());
    }
}
