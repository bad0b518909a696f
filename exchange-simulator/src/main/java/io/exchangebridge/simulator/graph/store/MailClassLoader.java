package io.exchangebridge.simulator.graph.store;

import jakarta.mail.Session;

/**
 * Runs Jakarta Mail work with the thread's context class loader set to the loader that loaded Jakarta Mail itself.
 * Jakarta Mail and Activation find their implementations (Angus Mail's {@code StreamProvider}, the mailcap registry)
 * with {@link java.util.ServiceLoader} through the context class loader. When the simulator is embedded in a host with
 * its own class loaders (a Quarkus test), the HTTP handler threads carry the JVM's application class loader: it finds
 * the Angus classes of the class path, which do not implement the host-loaded Jakarta Mail interfaces, and the lookup
 * fails with "MailStreamProvider not a subtype".
 */
public final class MailClassLoader {

    /** Work that uses Jakarta Mail. */
    @FunctionalInterface
    public interface MailWork<T, E extends Exception> {
        T run() throws E;
    }

    private MailClassLoader() {
    }

    public static <T, E extends Exception> T run(MailWork<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
