package io.exchangebridge.credential.credential;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A registered app credential. Secret columns hold ciphertext of {@code SecretCipher}. Never leaves the service. */
@Entity
@Table(name = "credential")
public class CredentialEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String description;
    @Column(name = "grant_type")
    public String grantType;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "authority_host")
    public String authorityHost;
    @Column(name = "authorization_url")
    public String authorizationUrl;
    @Column(name = "token_url")
    public String tokenUrl;
    @Column(name = "auth_method")
    public String authMethod;
    @Column(name = "client_secret_enc")
    public String clientSecretEnc;
    @Column(name = "certificate_pem")
    public String certificatePem;
    @Column(name = "private_key_enc")
    public String privateKeyEnc;
    @Column(name = "federated_token_file")
    public String federatedTokenFile;
    /** JSON object: resource → list of scopes. */
    public String scopes;
    @Column(name = "redirect_uri")
    public String redirectUri;
    @Column(name = "secret_expires_at")
    public Instant secretExpiresAt;
    @Column(name = "refresh_token_enc")
    public String refreshTokenEnc;
    @Column(name = "refresh_token_at")
    public Instant refreshTokenAt;
    @Column(name = "consent_upn")
    public String consentUpn;
    @Column(name = "consented_at")
    public Instant consentedAt;
    public String status;
    @Column(name = "status_code")
    public String statusCode;
    @Column(name = "status_explanation")
    public String statusExplanation;
    @Column(name = "status_since")
    public Instant statusSince;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_refresh_at")
    public Instant lastRefreshAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Associated data of an encrypted column of this row. */
    public String context(String column) {
        return "credential/" + id + "/" + column;
    }

    public boolean delegated() {
        return GrantType.AUTHORIZATION_CODE.wire().equals(grantType);
    }

    /** Sets the status, keeping "since" when it does not change, and queues a webhook event when it does. */
    public void status(CredentialStatus newStatus, String code, String explanation, Instant now) {
        String previous = status;
        if (!newStatus.name().equals(status) || !Objects.equals(code, statusCode)) {
            statusSince = now;
        }
        status = newStatus.name();
        statusCode = code;
        statusExplanation = explanation;
        if (!status.equals(previous)) {
            // In the same transaction: the webhook hears of exactly the changes that were committed.
            StatusEventEntity.record(id, previous, status, code, explanation, statusSince);
        }
    }
}
