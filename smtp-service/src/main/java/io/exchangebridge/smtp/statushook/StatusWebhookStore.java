package io.exchangebridge.smtp.statushook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.webhook.SecretBox;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.jdbc.Transactions;

/**
 * The status webhooks, one per API user, in {@code status_webhook}. The secret is stored AES-256-GCM encrypted, bound
 * to its user ({@code status-webhook/<user>}), and only the dispatcher opens it. Changes are audited in their
 * transaction; the audit detail names the URL, never the secret.
 */
@ApplicationScoped
public class StatusWebhookStore {

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final Optional<SecretBox> box;

    public StatusWebhookStore(DataSource dataSource, AuditTrail audit, RelayConfig config) {
        this.dataSource = dataSource;
        this.audit = audit;
        RelayConfig.StatusWebhook.Encryption encryption = config.statusWebhook().encryption();
        this.box = encryption.activeKey().map(active -> new SecretBox(encryption.keys(), active,
                "relay.status-webhook.encryption"));
    }

    static String context(String apiUser) {
        return "status-webhook/" + apiUser;
    }

    /** Opens a stored secret (for the dispatcher). */
    String open(String apiUser, String sealed) {
        return box.orElseThrow(() -> new IllegalStateException("relay.status-webhook.encryption is not configured"))
                .open(sealed, context(apiUser));
    }

    boolean encryptionConfigured() {
        return box.isPresent();
    }

    /** Sets (or replaces) the user's webhook. */
    public SetResult set(String apiUser, String url, String secret) {
        if (box.isEmpty()) {
            return new SetResult.EncryptionNotConfigured();
        }
        String sealed = box.get().seal(secret, context(apiUser));
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO status_webhook (api_user, url, secret, created_at, updated_at)
                    VALUES (?, ?, ?, now(), now())
                    ON CONFLICT (api_user) DO UPDATE SET url = excluded.url, secret = excluded.secret,
                        updated_at = now()
                    """)) {
                s.setString(1, apiUser);
                s.setString(2, url);
                s.setString(3, sealed);
                s.executeUpdate();
            }
            audit.record(c, "status-webhook.set", apiUser, "url " + url, "OK");
            return new SetResult.Stored(find(c, apiUser).orElseThrow());
        });
    }

    public Optional<StatusWebhookView> find(String apiUser) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, apiUser);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the status webhook", e);
        }
    }

    /** Deletes the user's webhook; false when it had none. Undelivered events of it are no longer sent. */
    public boolean delete(String apiUser) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM status_webhook WHERE api_user = ?")) {
                s.setString(1, apiUser);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            audit.record(c, "status-webhook.delete", apiUser, null, "OK");
            return true;
        });
    }

    private static Optional<StatusWebhookView> find(Connection c, String apiUser) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT api_user, url, created_at, updated_at FROM status_webhook WHERE api_user = ?")) {
            s.setString(1, apiUser);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StatusWebhookView(rs.getString(1), rs.getString(2), true,
                                rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
                        : Optional.empty();
            }
        }
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the status webhook", e);
        }
    }
}
