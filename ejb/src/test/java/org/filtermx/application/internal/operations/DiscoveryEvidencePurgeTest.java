package org.filtermx.application.internal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.application.Housekeeping;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.RecipientEvidenceStore;
import org.junit.jupiter.api.Test;

/**
 * Housekeeping's purge of recipient discovery evidence: one bounded batch per call, cut off at the
 * configured retention, so that the timer drains a backlog in short transactions.
 */
class DiscoveryEvidencePurgeTest {

    private record Asked(Instant before, int max) {}

    private final List<Asked> asked = new ArrayList<>();

    private DefaultHousekeeping housekeeping(Duration retention, int found) throws Exception {
        DefaultHousekeeping h = new DefaultHousekeeping();
        set(
                h,
                "evidence",
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {RecipientEvidenceStore.class},
                        (p, m, a) -> {
                            if (!m.getName().equals("purge")) {
                                throw new UnsupportedOperationException(m.getName());
                            }
                            asked.add(new Asked((Instant) a[0], (int) a[1]));
                            return Math.min(found, (int) a[1]);
                        }));
        set(
                h,
                "settings",
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {InstallationSettings.class},
                        (p, m, a) -> {
                            if (!m.getName().equals("discoveryRetention")) {
                                throw new UnsupportedOperationException(m.getName());
                            }
                            return retention;
                        }));
        return h;
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = DefaultHousekeeping.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void deletesOneBatchOfEvidenceOlderThanTheRetention() throws Exception {
        Instant before = Instant.now();
        int n = housekeeping(Duration.ofDays(90), 10_000).purgeDiscoveryEvidence();
        Instant after = Instant.now();
        assertThat(n).isEqualTo(Housekeeping.BATCH);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).max()).isEqualTo(Housekeeping.BATCH);
        assertThat(asked.get(0).before())
                .isBetween(before.minus(Duration.ofDays(90)), after.minus(Duration.ofDays(90)));
    }

    @Test
    void aShorterRetentionCutsLater() throws Exception {
        Instant before = Instant.now();
        assertThat(housekeeping(Duration.ofDays(7), 3).purgeDiscoveryEvidence()).isEqualTo(3);
        assertThat(asked.get(0).before()).isAfterOrEqualTo(before.minus(Duration.ofDays(7)));
    }
}
