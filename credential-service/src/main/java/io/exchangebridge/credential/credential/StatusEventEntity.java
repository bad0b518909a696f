package io.exchangebridge.credential.credential;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A status change waiting to be delivered to the webhook (transactional outbox). */
@Entity
@Table(name = "status_event")
public class StatusEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "credential_id")
    public String credentialId;
    public String status;
    @Column(name = "previous_status")
    public String previousStatus;
    public String code;
    public String explanation;
    public Instant since;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "created_at")
    public Instant createdAt;

    /** Queues a status change in the current transaction. */
    public static void record(String credentialId, String previous, String status, String code, String explanation,
            Instant since) {
        StatusEventEntity e = new StatusEventEntity();
        e.credentialId = credentialId;
        e.previousStatus = previous;
        e.status = status;
        e.code = code;
        e.explanation = explanation;
        e.since = since;
        e.createdAt = Instant.now();
        e.nextAttemptAt = e.createdAt;
        e.persist();
    }
}
