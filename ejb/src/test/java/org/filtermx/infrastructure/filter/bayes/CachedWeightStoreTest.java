package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cached store behaves as the database store (the shared contract) and follows changes made by
 * other nodes within its refresh interval.
 */
class CachedWeightStoreTest extends TokenStoreContract {

    private JdbcDataSource dataSource;
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock =
            new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };

    @BeforeEach
    void createSchema() throws Exception {
        dataSource = BayesTestDatabase.create("cached");
    }

    @Override
    TokenStore store() {
        return new CachedWeightStore(
                new JdbcTokenStore(dataSource, clock), Duration.ofSeconds(2), clock);
    }

    @Test
    void followsAnotherNodesTokenCountsAndTotals() {
        TokenStore here = store();
        JdbcTokenStore elsewhere = new JdbcTokenStore(dataSource, clock);
        elsewhere.learn("", List.of("cheap", "pills"), true);
        assertThat(here.counts("", List.of("cheap", "meeting")).counts()).containsOnlyKeys("cheap");

        now = now.plusSeconds(1);
        elsewhere.learn("", List.of("meeting"), false);
        TokenStatistics copy = here.counts("", List.of("cheap", "meeting"));
        assertThat(copy.counts()).as("within the interval, the copy").containsOnlyKeys("cheap");
        assertThat(copy.hamMessages()).isZero();

        now = now.plusSeconds(2);
        elsewhere.unlearn("", List.of("cheap", "pills"), true);
        TokenStatistics later = here.counts("", List.of("cheap", "pills", "meeting"));
        assertThat(later.counts())
                .as("an emptied token is gone, a new one is there")
                .containsOnlyKeys("meeting");
        assertThat(later.of("meeting")).isEqualTo(new TokenCounts(0, 1));
        assertThat(later.spamMessages()).isZero();
        assertThat(later.hamMessages()).isEqualTo(1);
    }

    @Test
    void seesAnotherNodesTrainingAfterTheRefreshInterval() {
        TokenStore here = store();
        JdbcTokenStore elsewhere = new JdbcTokenStore(dataSource, clock);
        long[] features = {11, 22, 33};
        elsewhere.addWeights("", Map.of(11L, 0.5));
        assertThat(here.weights("", features)).containsOnlyKeys(11L);

        now = now.plusSeconds(1);
        elsewhere.addWeights("", Map.of(22L, 0.25, 11L, 0.5));
        assertThat(here.weights("", features))
                .as("within the interval, the copy")
                .containsOnlyKeys(11L);

        now = now.plusSeconds(2);
        Map<Long, Double> later = here.weights("", features);
        assertThat(later).containsOnlyKeys(11L, 22L);
        assertThat(later.get(11L)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void ownTrainingShowsInTheNextScan() {
        TokenStore here = store();
        long[] features = {7};
        assertThat(here.weights("", features)).isEmpty();
        here.addWeights("", Map.of(7L, -0.75));
        assertThat(here.weights("", features).get(7L)).isCloseTo(-0.75, within(1e-9));
        here.addWeights("", Map.of(7L, 0.25));
        assertThat(here.weights("", features).get(7L)).isCloseTo(-0.5, within(1e-9));
    }

    @Test
    void keepsScopesApart() {
        TokenStore here = store();
        here.addWeights("example.com", Map.of(5L, 1.0));
        assertThat(here.weights("", new long[] {5})).isEmpty();
        assertThat(here.weights("example.com", new long[] {5})).containsEntry(5L, 1.0);
    }

    @Test
    void addsACommittedBatchToItsCopyAndNothingOfOneRolledBack() {
        List<java.util.function.Consumer<Boolean>> ends = new java.util.ArrayList<>();
        Object transaction = new Object();
        TransactionEnd manual =
                new TransactionEnd() {
                    @Override
                    public Object current() {
                        return transaction;
                    }

                    @Override
                    public void whenEnded(java.util.function.Consumer<Boolean> then) {
                        ends.add(then);
                    }
                };
        CachedWeightStore here =
                new CachedWeightStore(
                        new JdbcTokenStore(dataSource, clock),
                        Duration.ofSeconds(2),
                        clock,
                        manual);
        long[] features = {7, 8};
        here.addWeights("", Map.of(7L, 0.5));
        assertThat(here.weights("", features)).containsOnlyKeys(7L);
        TrainingChanges changes = new TrainingChanges();
        changes.learn(List.of("cheap"), true);
        changes.addWeights(Map.of(7L, 0.25, 8L, -0.125));
        here.apply("", changes);
        assertThat(here.weights("", features).get(7L))
                .as("before the commit")
                .isCloseTo(0.5, within(1e-9));
        here.apply("~other", changes);
        assertThat(ends).as("a second scope in the same transaction does not wait").hasSize(2);
        ends.forEach(end -> end.accept(true));
        Map<Long, Double> after = here.weights("", features);
        assertThat(after.get(7L)).isCloseTo(0.75, within(1e-9));
        assertThat(after.get(8L)).isCloseTo(-0.125, within(1e-9));
        TokenStatistics counts = here.counts("", List.of("cheap"));
        assertThat(counts.of("cheap")).isEqualTo(new TokenCounts(1, 0));
        assertThat(counts.spamMessages()).isEqualTo(1);

        ends.clear();
        here.apply("", changes);
        ends.forEach(end -> end.accept(false));
        assertThat(here.weights("", features).get(7L))
                .as("a batch whose transaction rolled back is not added")
                .isCloseTo(0.75, within(1e-9));
    }

    @Test
    void doesNotReadBackItsOwnBatchesButReadsWhenAnotherNodeTrained() throws Exception {
        CachedWeightStore here =
                new CachedWeightStore(
                        new JdbcTokenStore(dataSource, clock), Duration.ofSeconds(2), clock);
        long[] features = {7};
        assertThat(here.weights("", features)).isEmpty();
        TrainingChanges changes = new TrainingChanges();
        changes.learn(List.of("cheap"), true);
        changes.addWeights(Map.of(7L, 0.25));
        here.apply("", changes);
        try (Connection c = dataSource.getConnection();
                java.sql.Statement st = c.createStatement()) {
            // A change the copy can only know by reading the row (no node trains like this).
            st.executeUpdate("UPDATE bayes_weight SET weight = 0.375 WHERE feature = 7");
        }
        now = now.plusSeconds(3);
        assertThat(here.weights("", features).get(7L))
                .as("only this node's batch changed the scope: nothing read back")
                .isCloseTo(0.25, within(1e-9));

        new JdbcTokenStore(dataSource, clock).learn("", List.of("meeting"), false);
        now = now.plusSeconds(3);
        assertThat(here.weights("", features).get(7L))
                .as("another node trained: the changed rows are read")
                .isCloseTo(0.375, within(1e-9));
        assertThat(here.counts("", List.of()).hamMessages()).isEqualTo(1);
    }
}
