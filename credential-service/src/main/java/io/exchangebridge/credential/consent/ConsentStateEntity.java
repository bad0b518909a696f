package io.exchangebridge.credential.consent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A consent flow in progress. Only the SHA-256 of the state is stored; the PKCE verifier is encrypted. */
@Entity
@Table(name = "consent_state")
public class ConsentStateEntity extends PanacheEntityBase {

    @Id
    @Column(name = "state_hash")
    public String stateHash;
    @Column(name = "credential_id")
    public String credentialId;
    @Column(name = "code_verifier_enc")
    public String codeVerifierEnc;
    @Column(name = "redirect_uri")
    public String redirectUri;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    /** Started from the admin UI: the callback sends the browser back to the credential's page. */
    @Column(name = "return_to_ui")
    public boolean returnToUi;

    /** The callback's outcome for this state's credential. */
    CallbackResult outcome(CallbackResult.Kind kind, String title, String message) {
        return new CallbackResult(kind, title, message, credentialId, returnToUi);
    }

    public String context() {
        return "consent-state/" + stateHash;
    }
}
