package io.exchangebridge.simulator.directory;

import java.util.Locale;

/** The resources (token audiences) Exchange Bridge uses, and how scope names map to them. */
public final class Resources {

    /** Microsoft Graph. Scopes without a resource prefix, such as {@code Mail.ReadWrite}, belong to Graph. */
    public static final String GRAPH = "https://graph.microsoft.com";
    /** Exchange Online as delegated SMTP/IMAP clients name it ({@code https://outlook.office.com/SMTP.Send}). */
    public static final String OUTLOOK = "https://outlook.office.com";
    /** Exchange Online as app-only clients name it ({@code https://outlook.office365.com/.default}). */
    public static final String OUTLOOK_365 = "https://outlook.office365.com";

    private Resources() {
    }

    /**
     * The resource permissions are granted on: both Outlook host names are the same Exchange Online service principal,
     * so a grant on one counts for the other.
     */
    public static String canonical(String resource) {
        String r = strip(resource);
        return r.equals(OUTLOOK_365) ? OUTLOOK : r;
    }

    /** Whether the resource is one of Microsoft's (Graph, Exchange Online), not a custom API of the tenant. */
    public static boolean microsoft(String resource) {
        String r = strip(resource);
        return r.equals(GRAPH) || r.equals(OUTLOOK) || r.equals(OUTLOOK_365);
    }

    /** Lower-cased, without a trailing slash. */
    public static String strip(String resource) {
        String r = resource.toLowerCase(Locale.ROOT);
        return r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    }
}
