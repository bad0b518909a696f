package io.exchangebridge.foundation.text;

/**
 * A client sent text that breaks {@link TextRule} in the named input; answered 400 by the foundation's problem mapper,
 * with the message as detail, e.g. "Field 'description' contains a control character (U+0000)."
 */
public final class UnstorableText extends RuntimeException {

    /** Where the text came from, as the detail names it. */
    public enum Source {
        FIELD("Field"), PATH_PARAMETER("Path parameter"), QUERY_PARAMETER("Query parameter"), FORM_FIELD("Form field");

        private final String label;

        Source(String label) {
            this.label = label;
        }
    }

    public UnstorableText(Source source, String name, String violation) {
        super(source.label + " '" + printable(name) + "' contains " + violation + ".", null, false, false);
    }

    /** The name as the detail shows it: a hostile map key or parameter name must not smuggle controls into it. */
    static String printable(String name) {
        if (TextRule.violation(name, false) == null) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        name.chars().forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate((char) c)) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.append((char) c);
            }
        });
        return sb.toString();
    }
}
