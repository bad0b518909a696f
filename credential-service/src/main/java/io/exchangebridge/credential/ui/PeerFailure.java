package io.exchangebridge.credential.ui;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a call to another service gave no answer to show: each says what happened in words for the page, and which HTTP
 * status the console's page answers with. None carries a response body other than a problem's safe members.
 */
public sealed interface PeerFailure {

    Peer peer();

    /** For the page: what happened and what to do. */
    String message();

    /** The status of the console's own answer when the page cannot be shown without the peer. */
    int status();

    /** The console is not connected to the service ({@code credential.ui.<service>.url} unset). */
    record NotConfigured(Peer peer) implements PeerFailure {

        @Override
        public String message() {
            return "The console is not connected to the " + peer.serviceName() + ": set " + peer.prefix()
                    + ".url, .user and .password.";
        }

        @Override
        public int status() {
            return 503;
        }
    }

    /** No answer: refused connection, timeout, name not found. Only the exception's class is kept. */
    record Unreachable(Peer peer, String url, String exception) implements PeerFailure {

        @Override
        public String message() {
            return "The " + peer.serviceName() + " at " + url + " could not be reached (" + exception + ").";
        }

        @Override
        public int status() {
            return 502;
        }
    }

    /** 401 or 403: the console's user there is wrong or lacks a role. */
    record Refused(Peer peer, int httpStatus, String method, String path) implements PeerFailure {

        @Override
        public String message() {
            return "The " + peer.serviceName() + " answered HTTP " + httpStatus + " to " + method + " " + path
                    + ": check the user and password, and that the user has the role admin there"
                    + (peer == Peer.IMPORT ? " (and reader, for the imported messages)." : ".");
        }

        @Override
        public int status() {
            return 502;
        }
    }

    /**
     * A problem+json answer (400, 404, 409, ...): its {@code detail} and the fields it names. A field comes from an
     * {@code errors} map or a {@code field} member when the service sends one, else from the detail's
     * {@code Field 'name'} wording every service uses.
     */
    record Problem(Peer peer, int httpStatus, String detail, Map<String, String> fields,
            Map<String, Object> members) implements PeerFailure {

        private static final Pattern FIELD = Pattern.compile("^Field '([A-Za-z0-9_.]+)'");

        public Problem {
            fields = Map.copyOf(fields);
            members = Map.copyOf(members);
        }

        /** The field a detail names, or null. */
        static String fieldOf(String detail) {
            Matcher m = detail == null ? null : FIELD.matcher(detail);
            return m != null && m.find() ? m.group(1) : null;
        }

        @Override
        public String message() {
            return detail;
        }

        @Override
        public int status() {
            return httpStatus;
        }
    }

    /** Any other answer (a 500, a non-JSON body). */
    record Unexpected(Peer peer, int httpStatus, String method, String path) implements PeerFailure {

        @Override
        public String message() {
            return "The " + peer.serviceName() + " answered HTTP " + httpStatus + " to " + method + " " + path
                    + ".";
        }

        @Override
        public int status() {
            return 502;
        }
    }

    /** A failure thrown where the page cannot go on without the answer; shown as an error page. */
    final class Raised extends RuntimeException {

        private final transient PeerFailure failure;

        public Raised(PeerFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        public PeerFailure failure() {
            return failure;
        }
    }
}
