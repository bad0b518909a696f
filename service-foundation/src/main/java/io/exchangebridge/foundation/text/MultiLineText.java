package io.exchangebridge.foundation.text;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request field (a record component of a JSON request body) or a query parameter as multi-line text: it may
 * hold TAB, CR and LF. Every other text input allows no control character at all ({@link TextRule}). Mark only what is
 * multi-line by nature (a message body, a PEM block, a provider's multi-line error text), never an id, an address, a
 * subject or a header value: CR/LF there would be header injection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface MultiLineText {
}
