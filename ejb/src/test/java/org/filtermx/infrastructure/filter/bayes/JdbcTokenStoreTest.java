package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store on H2 in MariaDB mode with the real V2 and V5 migrations; CI repeats it on
 * MariaDB.
 */
class JdbcTokenStoreTest extends TokenStoreContract {

    private JdbcDataSource dataSource;

    @BeforeEach
    void createSchema() throws Exception {
        dataSource = BayesTestDatabase.create("bayes");
    }

    @Override
    TokenStore store() {
        return new JdbcTokenStore(dataSource);
    }

    @Test
    void changesAndLooksUpMoreWeightsThanOneBatch() {
        long[] features = new long[2 * JdbcTokenStore.BATCH + 123];
        Map<Long, Double> deltas = new HashMap<>();
        for (int i = 0; i < features.length; i++) {
            features[i] = i * 7919L - 5000;
            deltas.put(features[i], 0.01 * i);
        }
        TokenStore store = store();
        store.addWeights("", deltas);
        store.addWeights("", deltas);

        Map<Long, Double> weights = store.weights("", features);

        assertThat(weights).hasSize(features.length);
        assertThat(weights.get(features[1100])).isCloseTo(22.0, within(1e-9));
    }

    @Test
    void learnsAndLooksUpMoreTokensThanOneBatch() {
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 2 * JdbcTokenStore.BATCH + 123; i++) {
            many.add("token" + i);
        }
        TokenStore store = store();
        store.learn("", many, true);
        store.learn("", many, true);

        TokenStatistics stats = store.counts("", many);

        assertThat(stats.counts()).hasSize(many.size());
        assertThat(stats.counts().values()).containsOnly(new TokenCounts(2, 0));
    }

    @Test
    void storesTokensAsSixtyFourBitHashesNotText() throws Exception {
        store().learn("customer.test", Set.of("viagra"), true);

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT scope, token_hash, spam_count, ham_count, updated_at"
                                        + " FROM bayes_token")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("customer.test");
            assertThat(rs.getLong(2)).isEqualTo(TokenHash.of("viagra"));
            assertThat(rs.getInt(3)).isEqualTo(1);
            assertThat(rs.getInt(4)).isZero();
            assertThat(rs.getTimestamp(5)).isNotNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void reportsAnUnreachableDatabaseAsStoreFailure() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE bayes_token");
        }
        TokenStore store = store();

        assertThatThrownBy(() -> store.counts("", List.of("a")))
                .isInstanceOf(TokenStoreException.class);
        assertThatThrownBy(() -> store.learn("", Set.of("a"), true))
                .isInstanceOf(TokenStoreException.class);
    }
}
