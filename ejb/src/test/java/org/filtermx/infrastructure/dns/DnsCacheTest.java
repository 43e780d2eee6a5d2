package org.filtermx.infrastructure.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DnsCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final DnsCache cache = new DnsCache(2, nanos::get);

    @Test
    void keepsAnAnswerForItsLifetimeOnly() {
        cache.put(
                "example.test. TXT",
                DnsAnswer.found(List.of("v=spf1 -all")),
                Duration.ofSeconds(30));

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(29));
        assertThat(cache.<String>get("example.test. TXT").values()).containsExactly("v=spf1 -all");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(cache.<String>get("example.test. TXT")).isNull();
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsCapacity() {
        cache.put("a. A", DnsAnswer.nxdomain(), Duration.ofMinutes(1));
        cache.put("b. A", DnsAnswer.nxdomain(), Duration.ofMinutes(1));
        cache.get("a. A");
        cache.put("c. A", DnsAnswer.nxdomain(), Duration.ofMinutes(1));

        assertThat(cache.<Object>get("b. A")).isNull();
        assertThat(cache.<Object>get("a. A")).isNotNull();
        assertThat(cache.<Object>get("c. A")).isNotNull();
    }

    @Test
    void keepsNothingWithoutALifetime() {
        cache.put("a. A", DnsAnswer.found(List.of("x")), Duration.ZERO);
        assertThat(cache.<Object>get("a. A")).isNull();
    }

    @Test
    void choosesLifetimesAsRfc2308Allows() {
        assertThat(DnsCache.lifetime(DnsAnswer.Status.FOUND, 300))
                .isEqualTo(Duration.ofSeconds(300));
        assertThat(DnsCache.lifetime(DnsAnswer.Status.FOUND, 86_400))
                .isEqualTo(DnsCache.MAX_POSITIVE);
        assertThat(DnsCache.lifetime(DnsAnswer.Status.NXDOMAIN, 600))
                .isEqualTo(Duration.ofSeconds(600));
        assertThat(DnsCache.lifetime(DnsAnswer.Status.NO_DATA, -1))
                .isEqualTo(DnsCache.DEFAULT_NEGATIVE);
        assertThat(DnsCache.lifetime(DnsAnswer.Status.NXDOMAIN, 86_400))
                .isEqualTo(DnsCache.MAX_NEGATIVE);
        assertThat(DnsCache.lifetime(DnsAnswer.Status.TEMPORARY_FAILURE, 3_600))
                .isEqualTo(DnsCache.FAILURE);
    }
}
