package org.filtermx.infrastructure.filter.bayes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The token store in the shared database ({@code bayes_token} and {@code bayes_totals}, schema V2;
 * {@code bayes_weight}, schema V5), so every node of a cluster classifies with the same counts and
 * training on any node counts for all. Plain JDBC over a {@link DataSource}: it joins the caller's
 * transaction in the EJB container and runs in auto-commit on a bare data source.
 *
 * <p>Lookups send at most {@value #BATCH} keys per {@code IN} list; learning is a batched upsert
 * ({@code INSERT ... ON DUPLICATE KEY UPDATE}, which MariaDB and H2 in MariaDB mode both accept) in
 * ascending key order, so that two nodes learning at once lock rows in the same order and do not
 * deadlock each other. Weights are looked up and changed the same way, each change an increment
 * ({@code weight = weight + ?}), so that steps learnt on several nodes at once all count.
 */
public final class JdbcTokenStore implements TokenStore {

    static final int BATCH = 500;

    private static final String UPSERT_TOKEN =
            "INSERT INTO bayes_token (scope, token_hash, spam_count, ham_count, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " spam_count = spam_count + ?, ham_count = ham_count + ?, updated_at = ?";
    private static final String UPSERT_TOTALS =
            "INSERT INTO bayes_totals (scope, spam_messages, ham_messages, updated_at)"
                    + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " spam_messages = spam_messages + ?, ham_messages = ham_messages + ?,"
                    + " updated_at = ?";
    private static final String DECREMENT_TOKEN =
            "UPDATE bayes_token SET spam_count = GREATEST(spam_count - ?, 0),"
                    + " ham_count = GREATEST(ham_count - ?, 0), updated_at = ?"
                    + " WHERE scope = ? AND token_hash = ?";
    private static final String DECREMENT_TOTALS =
            "UPDATE bayes_totals SET spam_messages = GREATEST(spam_messages - ?, 0),"
                    + " ham_messages = GREATEST(ham_messages - ?, 0), updated_at = ?"
                    + " WHERE scope = ?";

    private static final String UPSERT_WEIGHT =
            "INSERT INTO bayes_weight (scope, feature, weight, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE weight = weight + ?, updated_at = ?";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcTokenStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcTokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public TokenStatistics counts(String scope, Collection<String> tokens) {
        Map<Long, List<String>> byHash = new HashMap<>();
        long[] keys = TokenHash.of(tokens);
        int i = 0;
        for (String token : tokens) {
            byHash.computeIfAbsent(keys[i++], h -> new ArrayList<>(1)).add(token);
        }
        try (Connection c = dataSource.getConnection()) {
            long[] totals = totals(c, scope);
            Map<String, TokenCounts> found = new HashMap<>();
            List<Long> hashes = new ArrayList<>(byHash.keySet());
            for (int from = 0; from < hashes.size(); from += BATCH) {
                List<Long> chunk = hashes.subList(from, Math.min(hashes.size(), from + BATCH));
                lookup(c, scope, chunk, byHash, found);
            }
            return new TokenStatistics(found, totals[0], totals[1]);
        } catch (SQLException e) {
            throw new TokenStoreException("cannot read token counts: " + e.getMessage(), e);
        }
    }

    /** The scope's message totals as {spam, ham}, or null when it has no totals row. */
    public long[] storedTotals(String scope) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT spam_messages, ham_messages FROM bayes_totals"
                                        + " WHERE scope = ?")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        } catch (SQLException e) {
            throw new TokenStoreException("cannot read totals: " + e.getMessage(), e);
        }
    }

    private static long[] totals(Connection c, String scope) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT spam_messages, ham_messages FROM bayes_totals WHERE scope = ?")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[2];
            }
        }
    }

    private static void lookup(
            Connection c,
            String scope,
            List<Long> chunk,
            Map<Long, List<String>> byHash,
            Map<String, TokenCounts> found)
            throws SQLException {
        String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT token_hash, spam_count, ham_count FROM bayes_token"
                                + " WHERE scope = ? AND token_hash IN ("
                                + marks
                                + ") AND (spam_count > 0 OR ham_count > 0)")) {
            ps.setString(1, scope);
            for (int i = 0; i < chunk.size(); i++) {
                ps.setLong(i + 2, chunk.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TokenCounts counts = new TokenCounts(rs.getLong(2), rs.getLong(3));
                    for (String token : byHash.get(rs.getLong(1))) {
                        found.put(token, counts);
                    }
                }
            }
        }
    }

    @Override
    public void learn(String scope, Collection<String> tokens, boolean spam) {
        int s = spam ? 1 : 0;
        int h = spam ? 0 : 1;
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_TOKEN)) {
                int pending = 0;
                for (long hash : sortedHashes(tokens)) {
                    ps.setString(1, scope);
                    ps.setLong(2, hash);
                    ps.setInt(3, s);
                    ps.setInt(4, h);
                    ps.setTimestamp(5, now);
                    ps.setInt(6, s);
                    ps.setInt(7, h);
                    ps.setTimestamp(8, now);
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT_TOTALS)) {
                ps.setString(1, scope);
                ps.setInt(2, s);
                ps.setInt(3, h);
                ps.setTimestamp(4, now);
                ps.setInt(5, s);
                ps.setInt(6, h);
                ps.setTimestamp(7, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new TokenStoreException("cannot learn tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public void unlearn(String scope, Collection<String> tokens, boolean spam) {
        int s = spam ? 1 : 0;
        int h = spam ? 0 : 1;
        Timestamp now = Timestamp.from(clock.instant());
        SortedSet<Long> hashes = sortedHashes(tokens);
        try (Connection c = dataSource.getConnection()) {
            // Emptied rows stay (at zero, with a new updated_at) so that caching nodes see them go.
            try (PreparedStatement dec = c.prepareStatement(DECREMENT_TOKEN)) {
                for (long hash : hashes) {
                    dec.setInt(1, s);
                    dec.setInt(2, h);
                    dec.setTimestamp(3, now);
                    dec.setString(4, scope);
                    dec.setLong(5, hash);
                    dec.addBatch();
                }
                dec.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(DECREMENT_TOTALS)) {
                ps.setInt(1, s);
                ps.setInt(2, h);
                ps.setTimestamp(3, now);
                ps.setString(4, scope);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new TokenStoreException("cannot unlearn tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<Long, Double> weights(String scope, long[] features) {
        Map<Long, Double> found = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < features.length; from += BATCH) {
                int to = Math.min(features.length, from + BATCH);
                String marks = String.join(",", Collections.nCopies(to - from, "?"));
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT feature, weight FROM bayes_weight WHERE scope = ?"
                                        + " AND feature IN ("
                                        + marks
                                        + ")")) {
                    ps.setString(1, scope);
                    for (int i = from; i < to; i++) {
                        ps.setLong(i - from + 2, features[i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getLong(1), rs.getDouble(2));
                        }
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new TokenStoreException("cannot read weights: " + e.getMessage(), e);
        }
    }

    /** Receives one stored weight. */
    @FunctionalInterface
    public interface WeightSink {
        void accept(long feature, double weight);
    }

    /**
     * Streams the weights of {@code scope} changed at or after {@code since} (all of them when
     * null) to {@code sink}, for {@link CachedWeightStore}.
     */
    public void forEachWeight(String scope, Instant since, WeightSink sink) {
        try (Connection c = dataSource.getConnection()) {
            forEachRow(
                    c,
                    "SELECT feature, weight FROM bayes_weight",
                    scope,
                    since,
                    rs -> sink.accept(rs.getLong(1), rs.getDouble(2)));
        } catch (SQLException e) {
            throw new TokenStoreException("cannot read weights: " + e.getMessage(), e);
        }
    }

    /** Receives one token's counts, by the token's hash. */
    public interface CountSink {
        void accept(long tokenHash, int spam, int ham);
    }

    /**
     * Reads a scope's token counts, all of them or those changed at or after {@code since} (emptied
     * ones included: unlearning leaves a token's row at zero rather than deleting it, so that nodes
     * following the changes see it go), and returns the scope's message totals.
     */
    public long[] forEachCount(String scope, Instant since, CountSink sink) {
        try (Connection c = dataSource.getConnection()) {
            forEachRow(
                    c,
                    "SELECT token_hash, spam_count, ham_count FROM bayes_token",
                    scope,
                    since,
                    rs -> sink.accept(rs.getLong(1), rs.getInt(2), rs.getInt(3)));
            return totals(c, scope);
        } catch (SQLException e) {
            throw new TokenStoreException("cannot read token counts: " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Streams a scope's rows of {@code select}, all or those changed at or after {@code since}. */
    private static void forEachRow(
            Connection c, String select, String scope, Instant since, RowReader reader)
            throws SQLException {
        String sql = select + " WHERE scope = ?" + (since == null ? "" : " AND updated_at >= ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scope);
            if (since != null) {
                ps.setTimestamp(2, Timestamp.from(since));
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    @Override
    public void addWeights(String scope, Map<Long, Double> deltas) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPSERT_WEIGHT)) {
            int pending = 0;
            for (Map.Entry<Long, Double> e : new TreeMap<>(deltas).entrySet()) {
                ps.setString(1, scope);
                ps.setLong(2, e.getKey());
                ps.setDouble(3, e.getValue());
                ps.setTimestamp(4, now);
                ps.setDouble(5, e.getValue());
                ps.setTimestamp(6, now);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new TokenStoreException("cannot change weights: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a batch's merged changes on one connection: the token counts, the totals, then the
     * weights, each an increment in ascending key order (as {@link #learn} and {@link #addWeights}
     * do, so that concurrent writers lock rows in the same order). On MariaDB a batched {@code
     * INSERT ... ON DUPLICATE KEY UPDATE}, {@value #BATCH} rows per round trip; on H2, whose {@code
     * ON DUPLICATE KEY} raises and catches an exception for every row that exists (most of them,
     * once trained), a standard {@code MERGE ... USING (VALUES ...)} of {@value #MERGE_ROWS} rows
     * per statement.
     */
    @Override
    public void apply(String scope, TrainingChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
            long[] hashes = changes.tokenHashes();
            RowWriter tokens =
                    (ps, at, i) -> {
                        long hash = hashes[i];
                        ps.setString(at, scope);
                        ps.setLong(at + 1, hash);
                        ps.setInt(at + 2, changes.spamAdded(hash));
                        ps.setInt(at + 3, changes.hamAdded(hash));
                        ps.setTimestamp(at + 4, now);
                    };
            long[] features = changes.features();
            RowWriter weights =
                    (ps, at, i) -> {
                        ps.setString(at, scope);
                        ps.setLong(at + 1, features[i]);
                        ps.setDouble(at + 2, changes.weightChange(features[i]));
                        ps.setTimestamp(at + 3, now);
                    };
            if (h2) {
                multiRow(c, MERGE_TOKEN, TOKEN_ROW, 5, hashes.length, tokens);
            } else {
                multiRow(c, INSERT_TOKENS, PLAIN_TOKEN_ROW, 5, hashes.length, tokens);
            }
            if (changes.spamMessages() + changes.hamMessages() > 0) {
                try (PreparedStatement ps = c.prepareStatement(UPSERT_TOTALS)) {
                    ps.setString(1, scope);
                    ps.setLong(2, changes.spamMessages());
                    ps.setLong(3, changes.hamMessages());
                    ps.setTimestamp(4, now);
                    ps.setLong(5, changes.spamMessages());
                    ps.setLong(6, changes.hamMessages());
                    ps.setTimestamp(7, now);
                    ps.executeUpdate();
                }
            }
            if (h2) {
                multiRow(c, MERGE_WEIGHT, WEIGHT_ROW, 4, features.length, weights);
            } else {
                multiRow(c, INSERT_WEIGHTS, PLAIN_WEIGHT_ROW, 4, features.length, weights);
            }
        } catch (SQLException e) {
            throw new TokenStoreException("cannot write training: " + e.getMessage(), e);
        }
    }

    /** Rows per H2 {@code MERGE} statement. */
    static final int MERGE_ROWS = 200;

    private static final String MERGE_TOKEN =
            "MERGE INTO bayes_token t USING (VALUES %s)"
                    + " AS s(scope, token_hash, spam_count, ham_count, updated_at)"
                    + " ON t.scope = s.scope AND t.token_hash = s.token_hash"
                    + " WHEN MATCHED THEN UPDATE SET spam_count = t.spam_count + s.spam_count,"
                    + " ham_count = t.ham_count + s.ham_count, updated_at = s.updated_at"
                    + " WHEN NOT MATCHED THEN INSERT (scope, token_hash, spam_count, ham_count,"
                    + " updated_at) VALUES (s.scope, s.token_hash, s.spam_count, s.ham_count,"
                    + " s.updated_at)";
    private static final String MERGE_WEIGHT =
            "MERGE INTO bayes_weight t USING (VALUES %s) AS s(scope, feature, weight, updated_at)"
                    + " ON t.scope = s.scope AND t.feature = s.feature"
                    + " WHEN MATCHED THEN UPDATE SET weight = t.weight + s.weight,"
                    + " updated_at = s.updated_at"
                    + " WHEN NOT MATCHED THEN INSERT (scope, feature, weight, updated_at)"
                    + " VALUES (s.scope, s.feature, s.weight, s.updated_at)";
    private static final String INSERT_TOKENS =
            "INSERT INTO bayes_token (scope, token_hash, spam_count, ham_count, updated_at)"
                    + " VALUES %s ON DUPLICATE KEY UPDATE"
                    + " spam_count = spam_count + VALUES(spam_count),"
                    + " ham_count = ham_count + VALUES(ham_count), updated_at = VALUES(updated_at)";
    private static final String INSERT_WEIGHTS =
            "INSERT INTO bayes_weight (scope, feature, weight, updated_at) VALUES %s"
                    + " ON DUPLICATE KEY UPDATE weight = weight + VALUES(weight),"
                    + " updated_at = VALUES(updated_at)";
    private static final String PLAIN_TOKEN_ROW = "(?, ?, ?, ?, ?)";
    private static final String PLAIN_WEIGHT_ROW = "(?, ?, ?, ?)";
    private static final String TOKEN_ROW =
            "(CAST(? AS VARCHAR(253)), CAST(? AS BIGINT), CAST(? AS INT), CAST(? AS INT),"
                    + " CAST(? AS TIMESTAMP(3)))";
    private static final String WEIGHT_ROW =
            "(CAST(? AS VARCHAR(253)), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION),"
                    + " CAST(? AS TIMESTAMP(3)))";

    /** Binds row {@code i}'s values from parameter {@code at} on. */
    private interface RowWriter {
        void bind(PreparedStatement ps, int at, int i) throws SQLException;
    }

    /**
     * Statements of up to {@value #MERGE_ROWS} rows each: {@code sql} with the rows in place of %s.
     */
    private static void multiRow(
            Connection c, String sql, String row, int columns, int rows, RowWriter writer)
            throws SQLException {
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows; from += MERGE_ROWS) {
                int n = Math.min(MERGE_ROWS, rows - from);
                PreparedStatement ps;
                if (n == MERGE_ROWS) {
                    if (full == null) {
                        full = c.prepareStatement(String.format(sql, rows(row, n)));
                    }
                    ps = full;
                } else {
                    ps = c.prepareStatement(String.format(sql, rows(row, n)));
                }
                try {
                    for (int k = 0; k < n; k++) {
                        writer.bind(ps, 1 + k * columns, from + k);
                    }
                    ps.executeUpdate();
                } finally {
                    if (ps != full) {
                        ps.close();
                    }
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }

    private static String rows(String row, int n) {
        StringBuilder sb = new StringBuilder(row.length() * n + n);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(row);
        }
        return sb.toString();
    }

    private static SortedSet<Long> sortedHashes(Collection<String> tokens) {
        SortedSet<Long> hashes = new TreeSet<>();
        for (long hash : TokenHash.of(tokens)) {
            hashes.add(hash);
        }
        return hashes;
    }
}
