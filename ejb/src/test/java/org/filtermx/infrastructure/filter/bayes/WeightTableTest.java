package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightTableTest {

    @Test
    void storesAddsAndGrowsLikeAMap() {
        WeightTable table = new WeightTable(4);
        Map<Long, Double> reference = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            long key = random.nextInt(20_000) - 10_000L;
            double delta = random.nextDouble() - 0.5;
            table.add(key, delta);
            reference.merge(key, delta, Double::sum);
        }
        assertThat(table.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(table.get(k)).isEqualTo(v));
        assertThat(table.get(123_456_789L)).isNaN();
    }

    @Test
    void zeroIsAKeyLikeAnyOther() {
        WeightTable table = new WeightTable();
        assertThat(table.get(0)).isNaN();
        table.put(0, 1.5);
        table.add(0, 1.0);
        assertThat(table.get(0)).isEqualTo(2.5);
        assertThat(table.size()).isEqualTo(1);
    }
}
