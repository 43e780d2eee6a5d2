package org.filtermx.application.internal.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.filtermx.domain.model.quarantine.ReleaseKeyRepository.ReleaseKey;
import org.junit.jupiter.api.Test;

class ReleaseLinkKeysTest {

    private final byte[] one = new byte[32];
    private final byte[] two = new byte[32];

    {
        two[0] = 1;
    }

    private final ReleaseLinkKeys.Keys keys =
            new ReleaseLinkKeys.Keys(
                    new ReleaseTokens(2, Map.of(1, one, 2, two)),
                    Map.of(1, new ReleaseKey(1, one, 100L), 2, new ReleaseKey(2, two, null)));

    @Test
    void retiredKeyVouchesOnlyForMessagesHeldBeforeItWasRetired() {
        assertThat(keys.vouches(1, 99)).isTrue();
        assertThat(keys.vouches(1, 100)).isFalse();
        assertThat(keys.vouches(1, 5000)).isFalse();
    }

    @Test
    void currentKeyVouchesForEveryMessage() {
        assertThat(keys.vouches(2, 1)).isTrue();
        assertThat(keys.vouches(2, 1_000_000)).isTrue();
    }

    @Test
    void unknownOrRevokedKeyVouchesForNothing() {
        assertThat(keys.vouches(3, 1)).isFalse();
        assertThat(keys.vouches(0, 1)).isFalse();
    }
}
