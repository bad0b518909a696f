package io.exchangebridge.credential.credential;

/** Invalid fields: the message names the first; carries all of them for the admin UI. */
public final class InvalidCredentialException extends CredentialFailure {

    private final transient FieldErrors errors;

    InvalidCredentialException(FieldErrors errors) {
        super("Field '" + errors.first().getKey() + "' " + errors.first().getValue() + ".");
        this.errors = errors;
    }

    public FieldErrors errors() {
        return errors;
    }
}
