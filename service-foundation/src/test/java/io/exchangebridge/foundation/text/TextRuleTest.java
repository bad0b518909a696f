package io.exchangebridge.foundation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextRuleTest {

    @Test
    void ordinaryTextPasses() {
        assertThat(TextRule.violation("Grüße ✓ 😀 <a@b.example>", false)).isNull();
        assertThat(TextRule.violation("", false)).isNull();
    }

    @Test
    void everyControlCharacterIsRefusedInSingleLineText() {
        for (char c : new char[]{0x00, 0x01, '\t', '\n', '\r', 0x1F, 0x7F, 0x85, 0x9F}) {
            assertThat(TextRule.violation("a" + c + "b", false))
                    .isEqualTo(String.format("a control character (U+%04X)", (int) c));
        }
    }

    @Test
    void multiLineTextAllowsTabAndLineBreaksOnly() {
        assertThat(TextRule.violation("line 1\r\n\tline 2\n", true)).isNull();
        assertThat(TextRule.violation("a\u0000b", true)).isEqualTo("a control character (U+0000)");
        assertThat(TextRule.violation("a\u000Bb", true)).isEqualTo("a control character (U+000B)");
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsPass() {
        assertThat(TextRule.violation("a\uD800b", false)).isEqualTo("an unpaired surrogate (U+D800)");
        assertThat(TextRule.violation("a\uDC00", false)).isEqualTo("an unpaired surrogate (U+DC00)");
        assertThat(TextRule.violation("\uD800", false)).isEqualTo("an unpaired surrogate (U+D800)");
        assertThat(TextRule.violation("\uD83D\uDE00", false)).isNull();
    }

    @Test
    void checkNamesTheInputAndEscapesAHostileName() {
        assertThatThrownBy(() -> TextRule.check(UnstorableText.Source.PATH_PARAMETER, "id", "a\u0000", false))
                .isInstanceOf(UnstorableText.class)
                .hasMessage("Path parameter 'id' contains a control character (U+0000).");
        assertThatThrownBy(() -> TextRule.check(UnstorableText.Source.QUERY_PARAMETER, "x\r\ny", "\u0001", false))
                .hasMessage("Query parameter 'x\\u000D\\u000Ay' contains a control character (U+0001).");
        TextRule.check(UnstorableText.Source.FIELD, "f", null, false);
    }

    @Test
    void strictDecodingRefusesBytesThatAreNotUtf8() {
        assertThat(TextParameterFilter.decode(UnstorableText.Source.QUERY_PARAMETER, "q", "a+%C3%A4%2B", true))
                .isEqualTo("a ä+");
        assertThat(TextParameterFilter.decode(UnstorableText.Source.PATH_PARAMETER, "id", "a+b%", false))
                .isEqualTo("a+b%");
        assertThatThrownBy(() -> TextParameterFilter.decode(UnstorableText.Source.PATH_PARAMETER, "id",
                "a%ED%A0%80b", false))
                .hasMessage("Path parameter 'id' contains bytes that are not UTF-8.");
        assertThatThrownBy(() -> TextParameterFilter.decode(UnstorableText.Source.PATH_PARAMETER, "id", "%FF",
                false))
                .isInstanceOf(UnstorableText.class);
    }
}
