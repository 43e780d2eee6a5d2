package org.filtermx.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.filtermx.infrastructure.secrets.KeyFile;
import org.filtermx.infrastructure.secrets.KeyRing;
import org.filtermx.infrastructure.secrets.SecretCipher;
import org.filtermx.infrastructure.secrets.SecretUnavailable;
import org.filtermx.infrastructure.secrets.SecretsAtRest;

/**
 * At start, after the schema migration: makes sure this node has the key file the database's
 * secrets are sealed with, and seals every secret stored in plain text by earlier versions (or
 * sealed with an older key of the file) with the current key.
 *
 * <p>The first node to start creates the key file. The database keeps a fingerprint of each key
 * ({@code server_secret} rows {@code secrets-key-check.<id>}), so a node that starts without the
 * file, or with another one, refuses to start with a message saying what to copy, instead of making
 * a key of its own that the other nodes' secrets do not open with.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class SecretsMigration {

    private static final Logger LOG = Logger.getLogger(SecretsMigration.class.getName());
    static final String CHECK = "secrets-key-check.";

    /** The tables with sealed secrets: table, key column, what the associated data calls it. */
    private record Column(String table, String key, String context) {}

    private static final List<Column> SEALED =
            List.of(
                    new Column("account_totp", "account_id", "account_totp:"),
                    new Column("release_link_key", "id", "release_link_key:"),
                    new Column("server_secret", "name", "server_secret:"),
                    new Column("dkim_key", "id", "dkim_key:"));

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    @Inject private SecretsAtRest secrets;

    @PostConstruct
    void migrate() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            KeyRing ring = checkedKeyRing(c, secrets.keyFile());
            secrets.use(ring);
            SecretCipher cipher = secrets.cipher();
            for (Column column : SEALED) {
                reseal(c, column, cipher);
            }
            ensureReleaseKey(c, cipher);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "sealing the stored secrets failed: " + e.getMessage(), e);
        } catch (SecretUnavailable e) {
            throw new IllegalStateException(
                    e.getMessage() + "; start every node with the same secrets key file", e);
        }
    }

    private static KeyRing checkedKeyRing(Connection c, KeyFile file) throws SQLException {
        Map<Integer, String> checks = checks(c);
        KeyRing ring = file.read().orElse(null);
        if (ring == null) {
            if (!checks.isEmpty()) {
                throw new IllegalStateException(
                        "the database holds secrets sealed with a key file that this node "
                                + "does not have at "
                                + file.path()
                                + ": copy that file (mode 600) from a node that has "
                                + "it, or point FILTERMX_SECRETS_KEY_FILE at it");
            }
            ring = file.create(new SecureRandom());
            LOG.info(
                    "created the secrets key file "
                            + file.path()
                            + "; every node of a cluster needs a copy");
        }
        for (int id : ring.ids()) {
            String stored = checks.get(id);
            if (stored != null && !KeyRing.sameFingerprint(stored, ring.fingerprint(id))) {
                throw new IllegalStateException(
                        "key "
                                + id
                                + " of the secrets key file "
                                + file.path()
                                + " is not the key the database's secrets were sealed with; use the key file of the "
                                + "node that first started on this database");
            }
            if (stored == null) {
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, CHECK + id);
                    ps.setString(2, ring.fingerprint(id));
                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                } catch (SQLException raced) {
                    // Another node recorded it at the same moment; the next start compares them.
                    LOG.fine(() -> "key check " + id + " recorded by another node");
                }
            }
        }
        return ring;
    }

    private static Map<Integer, String> checks(Connection c) throws SQLException {
        Map<Integer, String> checks = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT name, secret FROM server_secret WHERE name LIKE ?")) {
            ps.setString(1, CHECK + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        checks.put(
                                Integer.parseInt(rs.getString(1).substring(CHECK.length())),
                                rs.getString(2));
                    } catch (NumberFormatException ignored) {
                        // Not one of ours.
                    }
                }
            }
        }
        return checks;
    }

    /** Seals plain values and re-seals values of older keys; conditional, so nodes may race. */
    private static void reseal(Connection c, Column column, SecretCipher cipher)
            throws SQLException {
        Map<String, String> stale = new HashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT " + column.key() + ", secret FROM " + column.table());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                if (!key.startsWith(CHECK) && !cipher.isCurrent(rs.getString(2))) {
                    stale.put(key, rs.getString(2));
                }
            }
        }
        int sealed = 0;
        for (Map.Entry<String, String> row : stale.entrySet()) {
            String context = column.context() + row.getKey();
            String plain =
                    SecretCipher.isSealed(row.getValue())
                            ? cipher.openText(row.getValue(), context)
                            : row.getValue();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "UPDATE "
                                    + column.table()
                                    + " SET secret = ? WHERE "
                                    + column.key()
                                    + " = ? AND secret = ?")) {
                ps.setString(1, cipher.seal(plain, context));
                ps.setString(2, row.getKey());
                ps.setString(3, row.getValue());
                sealed += ps.executeUpdate();
            }
        }
        if (sealed > 0) {
            int n = sealed;
            LOG.info(
                    () ->
                            "sealed "
                                    + n
                                    + " secret(s) in "
                                    + column.table()
                                    + " with the current key");
        }
    }

    /** The first release-link key, made here so the request paths only ever read keys. */
    private static void ensureReleaseKey(Connection c, SecretCipher cipher) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM release_link_key");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        if (!ids.isEmpty()) {
            return;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO release_link_key (id, secret, created_at) VALUES (1, ?, ?)")) {
            ps.setString(
                    1, cipher.seal(Base64.getEncoder().encodeToString(key), "release_link_key:1"));
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException raced) {
            LOG.fine("the first release-link key was made by another node");
        }
    }
}
