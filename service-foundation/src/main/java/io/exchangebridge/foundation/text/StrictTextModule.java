package io.exchangebridge.foundation.text;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Jackson module that applies {@link TextRule} to every {@code String} read: values (single-line unless the property is
 * {@link MultiLineText}; list elements and map values follow their property) and map keys (always single-line).
 */
public final class StrictTextModule extends SimpleModule {

    public StrictTextModule() {
        super("exchange-bridge-strict-text");
        addDeserializer(String.class, StrictStringDeserializer.SINGLE_LINE);
        addKeyDeserializer(String.class, new StrictKeyDeserializer());
    }

    static final class StrictStringDeserializer extends StdScalarDeserializer<String>
            implements
                ContextualDeserializer {

        static final StrictStringDeserializer SINGLE_LINE = new StrictStringDeserializer(false);
        static final StrictStringDeserializer MULTI_LINE = new StrictStringDeserializer(true);

        private final boolean multiLine;

        private StrictStringDeserializer(boolean multiLine) {
            super(String.class);
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return property != null && property.getAnnotation(MultiLineText.class) != null ? MULTI_LINE : SINGLE_LINE;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String violation = value == null ? null : TextRule.violation(value, multiLine);
            if (violation != null) {
                throw new UnstorableTextInJson(p, violation);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }
    }

    static final class StrictKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String violation = TextRule.violation(key, false);
            if (violation != null) {
                throw new UnstorableTextInJson(ctxt.getParser(), violation);
            }
            return key;
        }
    }
}
