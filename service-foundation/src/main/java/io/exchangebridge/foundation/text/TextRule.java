package io.exchangebridge.foundation.text;

/**
 * The one rule for text taken from a client, the same in every service: no control character (Unicode category Cc:
 * U+0000-U+001F, U+007F-U+009F) and no unpaired UTF-16 surrogate. Multi-line text ({@link MultiLineText}) may hold TAB,
 * CR and LF. PostgreSQL cannot store U+0000 or a lone surrogate at all; the other controls have no place in ids,
 * addresses or header values, and CR/LF there would be header injection.
 */
public final class TextRule {

    private TextRule() {
    }

    /**
     * What is wrong with {@code text}, as the end of "... contains {@code <violation>}", such as
     * {@code "a control character (U+0000)"}; null when it may be stored.
     */
    public static String violation(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            if (c <= 0x9F) { // C0, DEL or C1
                if (multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return String.format("a control character (U+%04X)", (int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("an unpaired surrogate (U+%04X)", (int) c);
            }
        }
        return null;
    }

    /** Throws {@link UnstorableText} naming the input unless {@code text} (null is fine) may be stored. */
    public static void check(UnstorableText.Source source, String name, String text, boolean multiLine) {
        String violation = text == null ? null : violation(text, multiLine);
        if (violation != null) {
            throw new UnstorableText(source, name, violation);
        }
    }
}
