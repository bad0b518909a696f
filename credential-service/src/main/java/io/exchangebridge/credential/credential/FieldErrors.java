package io.exchangebridge.credential.credential;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invalid fields of a request, in the order they were checked, one message per field. The REST API answers with the
 * first as a 400; the admin UI shows each next to its field.
 */
public final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    /** Records a message unless the field already has one (the first, most basic problem wins). */
    public void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /** Records the messages of {@code other} for fields that have none here yet. */
    public void addAll(FieldErrors other) {
        other.byField.forEach(this::add);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public Map<String, String> asMap() {
        return Map.copyOf(byField);
    }

    /** Throws the errors as a 400 naming the first field, when there are any. */
    public void throwIfAny() {
        if (!byField.isEmpty()) {
            throw new InvalidCredentialException(this);
        }
    }

    Map.Entry<String, String> first() {
        return byField.entrySet().iterator().next();
    }

    /** A single-field error, for checks outside the validator. */
    public static FieldErrors of(String field, String message) {
        FieldErrors errors = new FieldErrors();
        errors.add(field, message);
        return errors;
    }
}
