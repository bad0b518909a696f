package io.exchangebridge.simulator.graph.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Outlook resource of a subscription, as Microsoft documents them for messages and events: {@code me/...} or
 * {@code users/{id|upn}/...} followed by {@code messages}, {@code mailFolders('{id}')/messages} (also
 * {@code mailFolders/{id}/messages}), {@code events}, {@code calendar/events} or {@code calendars/{id}/events}.
 *
 * @param user
 *            the user segment; empty for {@code me}
 * @param family
 *            mail or calendar, which decides the permission the token needs
 * @param container
 *            the folder or calendar the resource names; empty for {@code messages}, {@code events} and
 *            {@code calendar/events}
 * @param scope
 *            what the subscription watches
 */
public record SubscriptionResource(Optional<String> user, Family family, Optional<String> container, Scope scope) {

    /** Which Graph permission family the resource needs. */
    public enum Family {
        MAIL, CALENDAR
    }

    /** What the resource covers. */
    public enum Scope {
        /** {@code messages}: every message of the mailbox. */
        ALL_MESSAGES,
        /** {@code mailFolders/{id}/messages}: the messages of one folder. */
        FOLDER_MESSAGES,
        /** {@code events}: every event of the mailbox. */
        ALL_EVENTS,
        /** {@code calendar/events} or {@code calendars/{id}/events}: one calendar's events. */
        CALENDAR_EVENTS
    }

    /** {@code name('key')} or {@code name("key")}. */
    private static final Pattern KEYED = Pattern.compile("([A-Za-z]+)\\(['\"]([^'\"]*)['\"]\\)");

    /** Parses a resource; {@link SubscriptionFailure.Kind#INVALID} for anything else. */
    public static SubscriptionResource parse(String resource) {
        if (resource == null || resource.isBlank()) {
            throw SubscriptionFailure.badRequest("The subscription needs a 'resource'.");
        }
        List<String> s = segments(resource);
        Optional<String> user;
        List<String> rest;
        if (!s.isEmpty() && s.get(0).equals("me")) {
            user = Optional.empty();
            rest = s.subList(1, s.size());
        } else if (s.size() >= 2 && s.get(0).equals("users")) {
            user = Optional.of(s.get(1));
            rest = s.subList(2, s.size());
        } else {
            throw unsupported(resource);
        }
        List<String> lower = rest.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        if (lower.equals(List.of("messages"))) {
            return new SubscriptionResource(user, Family.MAIL, Optional.empty(), Scope.ALL_MESSAGES);
        }
        if (lower.size() == 3 && lower.get(0).equals("mailfolders") && lower.get(2).equals("messages")) {
            return new SubscriptionResource(user, Family.MAIL, Optional.of(rest.get(1)), Scope.FOLDER_MESSAGES);
        }
        if (lower.equals(List.of("events"))) {
            return new SubscriptionResource(user, Family.CALENDAR, Optional.empty(), Scope.ALL_EVENTS);
        }
        if (lower.equals(List.of("calendar", "events"))) {
            return new SubscriptionResource(user, Family.CALENDAR, Optional.empty(), Scope.CALENDAR_EVENTS);
        }
        if (lower.size() == 3 && lower.get(0).equals("calendars") && lower.get(2).equals("events")) {
            return new SubscriptionResource(user, Family.CALENDAR, Optional.of(rest.get(1)), Scope.CALENDAR_EVENTS);
        }
        throw unsupported(resource);
    }

    /** Splits at '/', and {@code mailFolders('inbox')} into {@code mailFolders}, {@code inbox}. */
    private static List<String> segments(String resource) {
        List<String> segments = new ArrayList<>();
        for (String part : resource.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Matcher keyed = KEYED.matcher(part);
            if (keyed.matches()) {
                segments.add(keyed.group(1));
                segments.add(keyed.group(2));
            } else {
                segments.add(part);
            }
        }
        if (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("users")) {
            segments.set(0, "users");
        } else if (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("me")) {
            segments.set(0, "me");
        }
        return segments;
    }

    private static SubscriptionFailure unsupported(String resource) {
        return SubscriptionFailure.invalid("Resource '" + resource + "' is not supported for subscriptions.");
    }
}
