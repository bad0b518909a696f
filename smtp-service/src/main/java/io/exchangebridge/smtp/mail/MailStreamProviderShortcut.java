package io.exchangebridge.smtp.mail;

/**
 * Names Angus Mail's {@code StreamProvider} in the system property Jakarta Mail reads first. Without it Jakarta Mail
 * 2.1 runs a {@link java.util.ServiceLoader} lookup (a scan of the class path) for every {@code InternetHeaders},
 * {@code MimeBodyPart} and {@code writeTo} (jakartaee/mail-api#861): profiling REST intake showed about half of the
 * MIME composing time spent there. With the property set, each lookup is a cached {@code Class.forName}.
 */
public final class MailStreamProviderShortcut {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviderShortcut() {
    }

    /** Sets the property unless the operator chose another provider. */
    public static void install() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
