package org.filtermx.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeysetLazyModelTest {

    /** Ids 60 down to 1, newest first; records each call's "before". */
    private final List<Long> befores = new ArrayList<>();

    private final KeysetLazyModel<Long> model =
            new KeysetLazyModel<>(
                    (before, limit) -> {
                        befores.add(before);
                        return LongStream.iterate(
                                        before == null ? 60 : before - 1, i -> i >= 1, i -> i - 1)
                                .limit(limit)
                                .boxed()
                                .toList();
                    },
                    Long::longValue);

    @Test
    void pagesContinueBelowTheLastIdOfThePreviousPage() {
        assertThat(model.count(Map.of())).isEqualTo(1);
        assertThat(model.load(0, 25, Map.of(), Map.of())).startsWith(60L).endsWith(36L).hasSize(25);
        assertThat(model.getRowCount()).isEqualTo(26);
        assertThat(model.load(25, 25, Map.of(), Map.of())).startsWith(35L).endsWith(11L);
        assertThat(model.load(50, 25, Map.of(), Map.of())).startsWith(10L).endsWith(1L).hasSize(10);
        assertThat(model.getRowCount()).isEqualTo(60);
        assertThat(befores).containsExactly(null, 36L, 11L);
    }

    @Test
    void anEmptyListingHasNoRows() {
        KeysetLazyModel<Long> empty =
                new KeysetLazyModel<>((before, limit) -> List.of(), Long::longValue);
        assertThat(empty.load(0, 25, Map.of(), Map.of())).isEmpty();
        assertThat(empty.getRowCount()).isZero();
    }
}
