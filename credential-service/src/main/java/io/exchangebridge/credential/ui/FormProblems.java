package io.exchangebridge.credential.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a console form shows when a save failed: the messages next to their inputs ({@code errors}, by input name) and
 * the summary at the top ({@code #form-errors}), from the peer's problem answer or the form's own checks.
 *
 * @param errors
 *            message per input name
 * @param summary
 *            every message, linked to its input where it names one
 */
public record FormProblems(Map<String, String> errors, List<FormError> summary) {

    public static FormProblems none() {
        return new FormProblems(Map.of(), List.of());
    }

    /**
     * @param labels
     *            the form's inputs by the API's field names: input name and label
     */
    public static FormProblems of(PeerFailure failure, Map<String, String[]> labels) {
        Map<String, String> fields = failure instanceof PeerFailure.Problem p ? p.fields() : Map.of();
        if (fields.isEmpty()) {
            return new FormProblems(Map.of(), List.of(new FormError(null, null, failure.message())));
        }
        return of(fields, labels);
    }

    /** Messages by the API's field names. */
    public static FormProblems of(Map<String, String> fields, Map<String, String[]> labels) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<FormError> summary = new ArrayList<>();
        fields.forEach((field, message) -> {
            String[] input = labels.get(field);
            if (input == null) {
                summary.add(new FormError(null, null, message));
            } else {
                errors.put(input[0], message);
                summary.add(new FormError(input[0], input[1], message));
            }
        });
        return new FormProblems(errors, summary);
    }

    public boolean any() {
        return !summary.isEmpty();
    }
}
