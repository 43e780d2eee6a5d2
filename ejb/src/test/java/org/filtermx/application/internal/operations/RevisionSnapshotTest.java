package org.filtermx.application.internal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RevisionSnapshotTest {

    private final RevisionSnapshot<String> snapshot = new RevisionSnapshot<>("test");
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aFreshSnapshotIsServedWithoutAskingForTheRevision() {
        assertThat(snapshot.get(() -> 1, rev -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(
                        snapshot.get(
                                () -> {
                                    throw new AssertionError("revision asked within freshness");
                                },
                                rev -> "never"))
                .isEqualTo("v1");
    }

    @Test
    void anInvalidationDuringALoadIsNotOverwrittenByWhatTheLoadRead() {
        String during =
                snapshot.get(
                        () -> 1,
                        rev -> {
                            // A change commits and invalidates while this reader is loading.
                            snapshot.invalidate();
                            return "old";
                        });
        assertThat(during).isEqualTo("old");
        assertThat(snapshot.get(() -> 2, rev -> "new")).isEqualTo("new");
    }

    @Test
    void anInvalidatedSnapshotIsReloadedAtOnce() {
        assertThat(snapshot.get(() -> 1, rev -> "old")).isEqualTo("old");
        snapshot.invalidate();
        assertThat(snapshot.get(() -> 1, rev -> "new")).isEqualTo("new");
    }
}
