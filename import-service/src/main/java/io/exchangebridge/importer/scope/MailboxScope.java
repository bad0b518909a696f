package io.exchangebridge.importer.scope;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which mailbox accounts a caller may read: {@link All} of them (admins, and readers without an
 * {@code importer.readers} entry while {@code importer.unlisted-readers} is {@code all}), or {@link Only} those whose
 * id matches one of its patterns. Services take a scope and answer an account outside it exactly as a missing one
 * (their {@code NotFound}, an empty result, a filtered list), so no caller learns that another mailbox exists.
 */
public sealed interface MailboxScope {

    /** Every mailbox account. */
    MailboxScope ALL = new All();

    /** Whether the account with this id is readable. */
    boolean covers(String mailboxId);

    /**
     * Narrows a SQL query to the accounts in this scope: appends {@code AND <column> LIKE ANY (?)} (or
     * {@code AND false}) to {@code sql} and its parameter to {@code params}; nothing for {@link All}.
     */
    default void restrict(String column, StringBuilder sql, List<Object> params) {
        if (this instanceof Only only) {
            if (only.patterns().isEmpty()) {
                sql.append(" AND false");
            } else {
                sql.append(" AND ").append(column).append(" LIKE ANY (?)");
                params.add(only.likePatterns().toArray(String[]::new));
            }
        }
    }

    /** Every mailbox account: nothing to filter. */
    record All() implements MailboxScope {
        @Override
        public boolean covers(String mailboxId) {
            return true;
        }
    }

    /**
     * The accounts whose id matches one of {@code patterns}: an id, or a glob where {@code *} stands for any run of
     * characters and {@code ?} for one (case-sensitive, as ids are). No pattern: no account at all.
     */
    final class Only implements MailboxScope {

        /** What a pattern may consist of: the characters of an account id plus the two wildcards. */
        private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._*?-]{1,64}");

        private final List<String> patterns;
        private final Pattern regex;

        /** A scope of the given ids and globs; {@link IllegalArgumentException} naming a pattern that is neither. */
        public Only(List<String> patterns) {
            this.patterns = patterns.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
            for (String p : this.patterns) {
                if (!VALID.matcher(p).matches()) {
                    throw new IllegalArgumentException("Mailbox pattern '" + p
                            + "' must be an account id or a glob of letters, digits, '.', '-', '_', '*' and '?'.");
                }
            }
            this.regex = this.patterns.isEmpty()
                    ? null
                    : Pattern.compile(this.patterns.stream().map(Only::glob).collect(Collectors.joining("|")));
        }

        public List<String> patterns() {
            return patterns;
        }

        @Override
        public boolean covers(String mailboxId) {
            return regex != null && mailboxId != null && regex.matcher(mailboxId).matches();
        }

        /** The patterns as SQL {@code LIKE} patterns with the default escape character {@code \}. */
        public List<String> likePatterns() {
            return patterns.stream().map(Only::like).toList();
        }

        private static String glob(String pattern) {
            StringBuilder regex = new StringBuilder("(?:");
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.append(')').toString();
        }

        private static String like(String pattern) {
            StringBuilder like = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> like.append('%');
                    case '?' -> like.append('_');
                    case '%', '_', '\\' -> like.append('\\').append(c);
                    default -> like.append(c);
                }
            }
            return like.toString();
        }

        @Override
        public String toString() {
            return String.join(",", patterns);
        }
    }
}
