package org.filtermx.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.filtermx.domain.model.brand.BrandRepository;
import org.filtermx.domain.model.brand.LogoImage;

/** Resellers' brands in {@code reseller_brand}, by plain JDBC so the logo's bytes stay bytes. */
@ApplicationScoped
public class JpaBrandRepository implements BrandRepository {

    private static final String COLUMNS =
            "SELECT b.reseller_id, a.username, b.product_name, b.primary_color, b.accent_color,"
                    + " b.support_address, b.login_host, b.logo_type, b.version, b.updated_at"
                    + " FROM reseller_brand b JOIN user_account a ON a.id = b.reseller_id";

    @PersistenceContext(unitName = "filtermx")
    private EntityManager em;

    @Override
    public Optional<StoredBrand> ofReseller(long resellerId) {
        return one(COLUMNS + " WHERE b.reseller_id = ?", resellerId);
    }

    @Override
    public Optional<StoredBrand> ofVersion(String version) {
        return one(COLUMNS + " WHERE b.version = ?", version);
    }

    @Override
    public Optional<StoredBrand> ofLoginHost(String host) {
        return one(COLUMNS + " WHERE b.login_host = ?", host);
    }

    @Override
    public Optional<Long> ownerOfDomain(String domain) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT o.reseller_id FROM domain d JOIN domain_owner o"
                                            + " ON o.domain_id = d.id WHERE d.name = ?")) {
                        ps.setString(1, domain);
                        return firstLong(ps);
                    }
                });
    }

    @Override
    public Optional<Long> parentOf(long resellerId) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT parent_id FROM reseller_parent WHERE reseller_id = ?")) {
                        ps.setLong(1, resellerId);
                        return firstLong(ps);
                    }
                });
    }

    @Override
    public boolean loginHostTaken(String host, long resellerId) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT reseller_id FROM reseller_brand WHERE login_host = ?"
                                            + " AND reseller_id <> ?")) {
                        ps.setString(1, host);
                        ps.setLong(2, resellerId);
                        return firstLong(ps).isPresent();
                    }
                });
    }

    @Override
    public boolean save(StoredBrand b) {
        return Jdbc.on(
                em,
                c -> {
                    // A duplicate key fails the statement only (InnoDB and H2 alike), so it is
                    // caught here, before Hibernate sees it, and the transaction goes on.
                    try {
                        if (update(c, b) == 1) {
                            return true;
                        }
                        try (PreparedStatement ps =
                                c.prepareStatement(
                                        "INSERT INTO reseller_brand (product_name, primary_color,"
                                                + " accent_color, support_address, login_host,"
                                                + " version, updated_at, reseller_id)"
                                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                            bind(ps, b);
                            ps.setLong(8, b.resellerId());
                            ps.executeUpdate();
                            return true;
                        } catch (SQLException e) {
                            if (!duplicateKey(e)) {
                                throw e;
                            }
                        }
                        // The same reseller's row was inserted meanwhile, or the host is taken:
                        // the update tells which.
                        return update(c, b) == 1;
                    } catch (SQLException e) {
                        if (duplicateKey(e)) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    private static int update(Connection c, StoredBrand b) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE reseller_brand SET product_name = ?, primary_color = ?,"
                                + " accent_color = ?, support_address = ?, login_host = ?,"
                                + " version = ?, updated_at = ? WHERE reseller_id = ?")) {
            bind(ps, b);
            ps.setLong(8, b.resellerId());
            return ps.executeUpdate();
        }
    }

    /** SQLSTATE class 23: integrity constraint violation (here the unique login host). */
    private static boolean duplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    @Override
    public void saveLogo(
            long resellerId, String contentType, byte[] bytes, String version, Instant at) {
        Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE reseller_brand SET logo = ?, logo_type = ?, version = ?,"
                                            + " updated_at = ? WHERE reseller_id = ?")) {
                        if (bytes == null) {
                            ps.setNull(1, Types.BLOB);
                            ps.setNull(2, Types.VARCHAR);
                        } else {
                            ps.setBytes(1, bytes);
                            ps.setString(2, contentType);
                        }
                        ps.setString(3, version);
                        Jdbc.setTime(ps, 4, at);
                        ps.setLong(5, resellerId);
                        return ps.executeUpdate();
                    }
                });
    }

    @Override
    public Optional<LogoImage> logo(String version) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT logo_type, logo FROM reseller_brand WHERE version = ?"
                                            + " AND logo IS NOT NULL")) {
                        ps.setString(1, version);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            return Optional.of(
                                    new LogoImage(rs.getString(1), rs.getBytes(2), 0, 0));
                        }
                    }
                });
    }

    @Override
    public void remove(long resellerId) {
        Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "DELETE FROM reseller_brand WHERE reseller_id = ?")) {
                        ps.setLong(1, resellerId);
                        return ps.executeUpdate();
                    }
                });
    }

    private Optional<StoredBrand> one(String sql, Object key) {
        return Jdbc.on(
                em,
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setObject(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            Timestamp updated = rs.getTimestamp(10);
                            return Optional.of(
                                    new StoredBrand(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getString(4),
                                            rs.getString(5),
                                            rs.getString(6),
                                            rs.getString(7),
                                            rs.getString(8),
                                            rs.getString(9),
                                            updated == null
                                                    ? null
                                                    : updated.toLocalDateTime()
                                                            .toInstant(ZoneOffset.UTC)));
                        }
                    }
                });
    }

    private static void bind(PreparedStatement ps, StoredBrand b) throws SQLException {
        ps.setString(1, b.productName());
        ps.setString(2, b.primaryColor());
        ps.setString(3, b.accentColor());
        ps.setString(4, b.supportAddress());
        ps.setString(5, b.loginHost());
        ps.setString(6, b.version());
        Jdbc.setTime(ps, 7, b.updatedAt());
    }

    private static Optional<Long> firstLong(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }
}
