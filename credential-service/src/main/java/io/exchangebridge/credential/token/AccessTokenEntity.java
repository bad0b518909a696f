package io.exchangebridge.credential.token;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The cached access token of one (credential, resource), shared by all instances. Encrypted. */
@Entity
@Table(name = "access_token")
public class AccessTokenEntity extends PanacheEntityBase {

    @EmbeddedId
    public Key key;
    @Column(name = "token_enc")
    public String tokenEnc;
    @Column(name = "token_type")
    public String tokenType;
    public String scopes;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "obtained_at")
    public Instant obtainedAt;

    /** Primary key. */
    @Embeddable
    public record Key(@Column(name = "credential_id") String credentialId, String resource) implements Serializable {
    }

    public static String context(String credentialId, String resource) {
        return "access-token/" + credentialId + "/" + resource;
    }
}
