package org.filtermx.application.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.port.MtaStsSource;
import org.filtermx.application.port.RelayHost;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.filtermx.domain.model.mtasts.CachedMtaStsPolicy;
import org.filtermx.domain.model.mtasts.MtaStsMode;
import org.filtermx.domain.model.mtasts.MtaStsPolicy;
import org.filtermx.domain.model.mtasts.MtaStsPolicyRepository;
import org.junit.jupiter.api.Test;

/**
 * RFC 8461 section 5.1 on one node: fetch on a new TXT id, use the kept policy while the id is the
 * same, keep using an unexpired policy when the record or the fetch fails; and what a policy does
 * to the MX hosts (section 4).
 */
class MtaStsPoliciesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final Map<String, CachedMtaStsPolicy> table = new HashMap<>();
    private final MtaStsPolicyRepository repository =
            new MtaStsPolicyRepository() {
                @Override
                public Optional<CachedMtaStsPolicy> find(String domain, Instant now) {
                    return Optional.ofNullable(table.get(domain)).filter(c -> c.usableAt(now));
                }

                @Override
                public void store(String domain, CachedMtaStsPolicy policy) {
                    table.put(domain, policy);
                }

                @Override
                public int purge(Instant now, int batch) {
                    return 0;
                }
            };

    private MtaStsSource.Record record =
            new MtaStsSource.Record(MtaStsSource.Status.FOUND, "1", null);
    private MtaStsSource.Fetched fetched = MtaStsSource.Fetched.of(policy("1", MtaStsMode.ENFORCE));
    private final List<String> fetches = new ArrayList<>();
    private Instant now = NOW;

    private final MtaStsSource source =
            new MtaStsSource() {
                @Override
                public Record record(String domain) {
                    return record;
                }

                @Override
                public Fetched fetch(String domain, String id) {
                    fetches.add(domain + " " + id);
                    return fetched;
                }
            };

    private MtaStsPolicies policies() {
        return new MtaStsPolicies(
                source, new MtaStsLedger(repository), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static MtaStsPolicy policy(String id, MtaStsMode mode) {
        return new MtaStsPolicy(id, mode, List.of("mx.example.com", "*.mx.example.net"), 3600);
    }

    @Test
    void fetchesOnceAndKeepsThePolicyWhileTheIdStaysTheSame() {
        assertThat(policies().policyFor("Example.COM")).contains(policy("1", MtaStsMode.ENFORCE));
        assertThat(policies().policyFor("example.com")).isPresent();
        assertThat(fetches).containsExactly("example.com 1");
        assertThat(table).containsKey("example.com");
    }

    @Test
    void aNewIdIsFetchedAndReplacesTheKeptPolicy() {
        policies().policyFor("example.com");
        record = new MtaStsSource.Record(MtaStsSource.Status.FOUND, "2", null);
        fetched = MtaStsSource.Fetched.of(policy("2", MtaStsMode.TESTING));
        assertThat(policies().policyFor("example.com")).contains(policy("2", MtaStsMode.TESTING));
        assertThat(fetches).containsExactly("example.com 1", "example.com 2");
    }

    @Test
    void aFailedFetchKeepsTheUnexpiredPolicyAndIsNotRepeatedAtOnce() {
        MtaStsPolicies node = policies();
        node.policyFor("example.com");
        record = new MtaStsSource.Record(MtaStsSource.Status.FOUND, "2", null);
        fetched = MtaStsSource.Fetched.failed("connect timed out");
        assertThat(node.policyFor("example.com")).contains(policy("1", MtaStsMode.ENFORCE));
        assertThat(node.policyFor("example.com")).contains(policy("1", MtaStsMode.ENFORCE));
        assertThat(fetches).containsExactly("example.com 1", "example.com 2");
    }

    @Test
    void withoutTheTxtRecordTheKeptPolicyAppliesUntilItExpires() {
        policies().policyFor("example.com");
        record = new MtaStsSource.Record(MtaStsSource.Status.NONE, null, "no TXT");
        assertThat(policies().policyFor("example.com")).isPresent();
        record = new MtaStsSource.Record(MtaStsSource.Status.FAILED, null, "SERVFAIL");
        assertThat(policies().policyFor("example.com")).isPresent();
        now = NOW.plusSeconds(3600);
        assertThat(policies().policyFor("example.com")).isEmpty();
    }

    @Test
    void noRecordAndNoKeptPolicyIsNoPolicy() {
        record = new MtaStsSource.Record(MtaStsSource.Status.NONE, null, "no TXT");
        assertThat(policies().policyFor("example.com")).isEmpty();
        assertThat(fetches).isEmpty();
    }

    @Test
    void enforceKeepsOnlyMatchingMxHostsEachVerified() throws Exception {
        List<RelayHost> routes =
                MtaStsRoutes.apply(
                        "example.com",
                        policy("1", MtaStsMode.ENFORCE),
                        List.of(host("evil.example.org"), host("a.mx.example.net")));
        assertThat(routes).extracting(RelayHost::host).containsExactly("a.mx.example.net");
        assertThat(routes.get(0).tls().level()).isEqualTo(DeliveryTls.VERIFIED);
        assertThat(routes.get(0).tls().mandatory()).isTrue();
        assertThat(routes.get(0).tls().policy()).isEqualTo("MTA-STS policy of example.com");
    }

    @Test
    void enforceWithNoMatchingMxHostDefers() {
        assertThatThrownBy(
                        () ->
                                MtaStsRoutes.apply(
                                        "example.com",
                                        policy("1", MtaStsMode.ENFORCE),
                                        List.of(host("evil.example.org"))))
                .isInstanceOf(DeliveryRoutes.Deferred.class)
                .hasMessageContaining("no MX host matches its mx patterns");
    }

    @Test
    void testingKeepsEveryHostReportOnlyAndNoneChangesNothing() throws Exception {
        List<RelayHost> hosts = List.of(host("evil.example.org"), host("mx.example.com"));
        List<RelayHost> testing =
                MtaStsRoutes.apply("example.com", policy("1", MtaStsMode.TESTING), hosts);
        assertThat(testing).hasSize(2).allSatisfy(h -> assertThat(h.tls().reportOnly()).isTrue());
        assertThat(testing).allSatisfy(h -> assertThat(h.tls().mandatory()).isFalse());
        assertThat(MtaStsRoutes.apply("example.com", policy("1", MtaStsMode.NONE), hosts))
                .isEqualTo(hosts);
    }

    private static RelayHost host(String name) throws Exception {
        return new RelayHost(name, 25, InetAddress.getByName("192.0.2.1"));
    }
}
