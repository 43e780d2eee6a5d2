package org.filtermx.domain.model.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8461 section 4.1: MX host names against the policy's mx patterns. */
class MtaStsPolicyTest {

    private final MtaStsPolicy policy =
            new MtaStsPolicy(
                    "id", MtaStsMode.ENFORCE, List.of("mail.example.com", "*.example.net"), 60);

    @Test
    void anExactPatternMatchesThatHostOnlyCaseInsensitively() {
        assertThat(policy.allows("mail.example.com")).isTrue();
        assertThat(policy.allows("MAIL.example.COM.")).isTrue();
        assertThat(policy.allows("mail2.example.com")).isFalse();
        assertThat(policy.allows("example.com")).isFalse();
    }

    @Test
    void aWildcardMatchesExactlyOneLabel() {
        assertThat(policy.allows("mx1.example.net")).isTrue();
        assertThat(policy.allows("example.net")).isFalse();
        assertThat(policy.allows("a.mx1.example.net")).isFalse();
        assertThat(policy.allows(".example.net")).isFalse();
    }

    @Test
    void maxAgeIsCappedAndTheExpiryFollowsIt() {
        MtaStsPolicy long_ = new MtaStsPolicy("id", MtaStsMode.NONE, List.of(), Long.MAX_VALUE);
        assertThat(long_.maxAgeSeconds()).isEqualTo(MtaStsPolicy.MAX_AGE_LIMIT);
        java.time.Instant now = java.time.Instant.parse("2026-12-03T00:00:00Z");
        CachedMtaStsPolicy cached = CachedMtaStsPolicy.fetched(policy, now);
        assertThat(cached.usableAt(now.plusSeconds(59))).isTrue();
        assertThat(cached.usableAt(now.plusSeconds(60))).isFalse();
    }
}
