package io.exchangebridge.credential.credential;

import io.exchangebridge.foundation.problem.ProblemException;

/** A 400 whose detail names the first invalid field; carries all of them for the admin UI. */
public class InvalidCredentialException extends ProblemException {

    private final transient FieldErrors errors;

    InvalidCredentialException(FieldErrors errors) {
        super(400, "Bad Request", "Field '" + errors.first().getKey() + "' " + errors.first().getValue() + ".");
        this.errors = errors;
    }

    public FieldErrors errors() {
        return errors;
    }
}
