package io.exchangebridge.credential.ui.mailbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;

import io.exchangebridge.credential.ui.CsrfGuard;

/**
 * The mailbox account form: the import-service's fields, the webhook secret write-only. {@code action} is the button
 * that sent it: {@code load-folders} re-renders the form with the mailbox's folders, anything else saves.
 */
public class MailboxForm {

    /** The after-import choices with their labels. */
    public static final Map<String, String> AFTER_IMPORT = new LinkedHashMap<>();

    static {
        AFTER_IMPORT.put("MOVE", "Move to a folder");
        AFTER_IMPORT.put("MARK_READ", "Mark as read");
        AFTER_IMPORT.put("DELETE", "Delete (to Deleted Items)");
        AFTER_IMPORT.put("NONE", "Leave as it is");
    }

    /** The form's inputs by the API's field names: input name and label. */
    static final Map<String, String[]> LABELS = Map.ofEntries(Map.entry("id", new String[]{"id", "Id"}),
            Map.entry("mailbox", new String[]{"mailbox", "Mailbox"}),
            Map.entry("credentialId", new String[]{"credentialId", "Credential"}),
            Map.entry("folder", new String[]{"folder", "Folder"}),
            Map.entry("afterImport", new String[]{"afterImport", "After import"}),
            Map.entry("moveToFolder", new String[]{"moveToFolder", "Move to folder"}),
            Map.entry("oversizeFolder", new String[]{"oversizeFolder", "Folder for messages too large"}),
            Map.entry("maxMessageBytes", new String[]{"maxMessageBytes", "Largest message (bytes)"}),
            Map.entry("onlyUnread", new String[]{"onlyUnread", "Only unread messages"}),
            Map.entry("enabled", new String[]{"enabled", "Enabled"}),
            Map.entry("webhookUrl", new String[]{"webhookUrl", "Webhook URL"}),
            Map.entry("webhookSecret", new String[]{"webhookSecret", "Webhook secret"}),
            Map.entry("importMail", new String[]{"importMail", "Import mail"}),
            Map.entry("calendar", new String[]{"syncCalendar", "Sync calendar"}),
            Map.entry("calendar.name", new String[]{"calendarName", "Calendar"}),
            Map.entry("calendar.daysBack", new String[]{"calendarDaysBack", "Days back"}),
            Map.entry("calendar.daysAhead", new String[]{"calendarDaysAhead", "Days ahead"}));

    /** The import-service's defaults of the calendar window, shown in a new form. */
    static final String DAYS_BACK = "30";
    static final String DAYS_AHEAD = "365";

    @RestForm(CsrfGuard.FIELD)
    public String csrf;
    @RestForm
    public String action;
    @RestForm
    public String id;
    @RestForm
    public String mailbox;
    @RestForm
    public String credentialId;
    @RestForm
    public String folder;
    @RestForm
    public String afterImport;
    @RestForm
    public String moveToFolder;
    @RestForm
    public String oversizeFolder;
    @RestForm
    public boolean onlyUnread;
    @RestForm
    public String maxMessageBytes;
    @RestForm
    public boolean enabled;
    @RestForm
    public String webhookUrl;
    @RestForm
    public String webhookSecret;
    @RestForm
    public boolean importMail;
    @RestForm
    public boolean syncCalendar;
    @RestForm
    public String calendarName;
    @RestForm
    public String calendarDaysBack;
    @RestForm
    public String calendarDaysAhead;

    public static MailboxForm blank() {
        MailboxForm form = new MailboxForm();
        form.afterImport = "MOVE";
        form.enabled = true;
        form.importMail = true;
        form.calendarDaysBack = DAYS_BACK;
        form.calendarDaysAhead = DAYS_AHEAD;
        return form;
    }

    public static MailboxForm of(Mailbox m) {
        MailboxForm form = new MailboxForm();
        form.id = m.id();
        form.mailbox = m.mailbox();
        form.credentialId = m.credentialId();
        form.folder = m.folder();
        form.afterImport = m.afterImport();
        form.moveToFolder = m.moveToFolder();
        form.oversizeFolder = m.oversizeFolder();
        form.onlyUnread = m.onlyUnread();
        form.maxMessageBytes = Long.toString(m.maxMessageBytes());
        form.enabled = m.enabled();
        form.webhookUrl = m.webhookUrl();
        form.importMail = m.importsMail();
        Mailbox.Calendar calendar = m.calendar();
        form.syncCalendar = calendar != null;
        form.calendarName = calendar == null ? null : calendar.name();
        form.calendarDaysBack = calendar == null || calendar.daysBack() == null
                ? DAYS_BACK
                : calendar.daysBack().toString();
        form.calendarDaysAhead = calendar == null || calendar.daysAhead() == null
                ? DAYS_AHEAD
                : calendar.daysAhead().toString();
        return form;
    }

    public boolean loadFolders() {
        return "load-folders".equals(action);
    }

    /** The request, or null with the form's own errors (by the API's field names) in {@code errors}. */
    Mailbox.Request toRequest(Map<String, String> errors) {
        String after = blank(afterImport) ? null : afterImport.trim().toUpperCase(Locale.ROOT);
        if (after != null && !AFTER_IMPORT.containsKey(after)) {
            errors.put("afterImport", "Field 'afterImport' must be one of " + String.join(", ",
                    AFTER_IMPORT.keySet()) + ".");
        }
        Long max = null;
        if (!blank(maxMessageBytes)) {
            try {
                max = Long.parseLong(maxMessageBytes.trim());
            } catch (NumberFormatException e) {
                errors.put("maxMessageBytes", "Field 'maxMessageBytes' must be a whole number of bytes.");
            }
        }
        Integer back = syncCalendar ? days("calendar.daysBack", calendarDaysBack, errors) : null;
        Integer ahead = syncCalendar ? days("calendar.daysAhead", calendarDaysAhead, errors) : null;
        if (!errors.isEmpty()) {
            return null;
        }
        // MOVE's target only applies to MOVE: a value left in the hidden-by-choice field is not an error.
        String moveTo = "MOVE".equals(after) ? trim(moveToFolder) : null;
        // Unchecked, no calendar is sent: the import-service reads an absent calendar as "not synced".
        Mailbox.Calendar calendar = syncCalendar
                ? new Mailbox.Calendar(trim(calendarName), back, ahead, null, null, null)
                : null;
        return new Mailbox.Request(trim(id), trim(mailbox), trim(credentialId), trim(folder), after, moveTo,
                trim(oversizeFolder), onlyUnread, max, enabled, trim(webhookUrl), trim(webhookSecret),
                Mailbox.importMailMember(importMail), calendar);
    }

    /** A number of days, null when empty (the service's default), or an error by the API's field name. */
    private static Integer days(String field, String value, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 0) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "Field '" + field + "' must be a whole number of days, 0 or more.");
        return null;
    }

    /** The after-import choices, for the select. */
    public List<Map.Entry<String, String>> afterImportChoices() {
        return List.copyOf(AFTER_IMPORT.entrySet());
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
