package io.exchangebridge.importer.mailbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A configured mailbox account. Never leaves the service layer: the API speaks {@link MailboxView}. */
@Entity
@Table(name = "mailbox")
public class MailboxEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String mailbox;
    @Column(name = "credential_id")
    public String credentialId;
    public String folder;
    @Enumerated(EnumType.STRING)
    @Column(name = "after_import")
    public AfterImport afterImport;
    @Column(name = "move_to_folder")
    public String moveToFolder;
    @Column(name = "oversize_folder")
    public String oversizeFolder;
    @Column(name = "only_unread")
    public boolean onlyUnread;
    @Column(name = "max_message_bytes")
    public long maxMessageBytes;
    public boolean enabled;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "webhook_secret")
    public String webhookSecret;
    @Column(name = "delta_link")
    public String deltaLink;
    @Column(name = "import_mail")
    public boolean importMail = true;
    @Column(name = "calendar_enabled")
    public boolean calendarEnabled;
    @Column(name = "calendar_name")
    public String calendarName;
    @Column(name = "calendar_days_back")
    public Integer calendarDaysBack;
    @Column(name = "calendar_days_ahead")
    public Integer calendarDaysAhead;
    @Column(name = "calendar_delta_link")
    public String calendarDeltaLink;
    @Column(name = "calendar_window_start")
    public Instant calendarWindowStart;
    @Column(name = "calendar_window_end")
    public Instant calendarWindowEnd;
    @Column(name = "calendar_synced_at")
    public Instant calendarSyncedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
