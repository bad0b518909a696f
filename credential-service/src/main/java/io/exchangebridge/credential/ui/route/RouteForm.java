package io.exchangebridge.credential.ui.route;

import java.util.Locale;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;

import io.exchangebridge.credential.ui.CsrfGuard;

/** The sender route form: the smtp-service's four fields. */
public class RouteForm {

    /** The form's inputs by the API's field names: input name and label. */
    static final Map<String, String[]> LABELS = Map.of("sender", new String[]{"sender", "Sender"},
            "mailbox", new String[]{"mailbox", "Sends as mailbox"},
            "credentialId", new String[]{"credentialId", "Credential"},
            "transport", new String[]{"transport", "Transport"});

    @RestForm(CsrfGuard.FIELD)
    public String csrf;
    @RestForm
    public String sender;
    @RestForm
    public String mailbox;
    @RestForm
    public String credentialId;
    @RestForm
    public String transport;

    public static RouteForm blank() {
        RouteForm form = new RouteForm();
        form.transport = "SMTP";
        return form;
    }

    public static RouteForm of(Route route) {
        RouteForm form = new RouteForm();
        form.sender = route.sender();
        form.mailbox = route.mailbox();
        form.credentialId = route.credentialId();
        form.transport = route.transport();
        return form;
    }

    Route.Request toRequest() {
        return new Route.Request(trim(sender), trim(credentialId), trim(mailbox),
                transport == null || transport.isBlank() ? null : transport.trim().toUpperCase(Locale.ROOT));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
