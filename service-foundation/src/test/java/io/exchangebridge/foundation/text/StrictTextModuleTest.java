package io.exchangebridge.foundation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class StrictTextModuleTest {

    record Attachment(String filename, @MultiLineText String content) {
    }

    record Message(String subject, @MultiLineText String text, List<String> to, Map<String, String> headers,
            List<Attachment> attachments) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new StrictTextModule());

    private Message read(String body) throws Exception {
        return json.readValue(body.replace('\'', '"'), Message.class);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return sb.toString();
    }

    @Test
    void multiLineFieldsKeepLineBreaksAndTabs() throws Exception {
        Message m = read("{'subject':'Hi ✓','text':'line 1\\r\\n\\tline 2','to':['a@b'],'headers':{'X-A':'1'},"
                + "'attachments':[{'filename':'a.txt','content':'QUJD\\r\\nREVG'}]}");
        assertThat(m.text()).isEqualTo("line 1\r\n\tline 2");
        assertThat(m.attachments().getFirst().content()).isEqualTo("QUJD\r\nREVG");
        assertThat(m.subject()).isEqualTo("Hi ✓");
    }

    @Test
    void aLineBreakInASingleLineFieldIsRefusedWithItsPath() {
        assertThatThrownBy(() -> read("{'subject':'Hi\\r\\nBcc: x@example.com'}"))
                .isInstanceOfSatisfying(UnstorableTextInJson.class, e -> {
                    assertThat(e.violation()).isEqualTo("a control character (U+000D)");
                    assertThat(path(e)).isEqualTo(".subject");
                });
    }

    @Test
    void nulIsRefusedEvenInMultiLineText() {
        assertThatThrownBy(() -> read("{'text':'a\\u0000b'}"))
                .isInstanceOfSatisfying(UnstorableTextInJson.class, e -> assertThat(path(e)).isEqualTo(".text"));
    }

    @Test
    void listElementsMapValuesMapKeysAndNestedFieldsAreChecked() {
        assertThatThrownBy(() -> read("{'to':['ok','a\\ud800']}"))
                .isInstanceOfSatisfying(UnstorableTextInJson.class, e -> {
                    assertThat(e.violation()).isEqualTo("an unpaired surrogate (U+D800)");
                    assertThat(path(e)).isEqualTo(".to[1]");
                });
        assertThatThrownBy(() -> read("{'headers':{'X-A':'a\\nb'}}"))
                .isInstanceOfSatisfying(UnstorableTextInJson.class,
                        e -> assertThat(path(e)).startsWith(".headers"));
        assertThatThrownBy(() -> read("{'headers':{'X-A\\r\\nBcc':'b'}}"))
                .isInstanceOfSatisfying(UnstorableTextInJson.class,
                        e -> assertThat(path(e)).startsWith(".headers"));
        assertThatThrownBy(() -> read("{'attachments':[{'filename':'a\\u001fb'}]}"))
                .isInstanceOfSatisfying(UnstorableTextInJson.class,
                        e -> assertThat(path(e)).isEqualTo(".attachments[0].filename"));
    }

    @Test
    void onlyTheServersRequestMapperIsStrictNotTheApplicationsOwn() throws Exception {
        ObjectMapper application = new ObjectMapper();
        ObjectMapper server = new StrictTextObjectMapper(application).getContext(Message.class);
        String stored = "{\"subject\":\"folded\\tsubject\"}";
        assertThat(application.readValue(stored, Message.class).subject()).isEqualTo("folded\tsubject");
        assertThatThrownBy(() -> server.readValue(stored, Message.class)).isInstanceOf(UnstorableTextInJson.class);
    }
}
