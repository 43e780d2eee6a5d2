package org.filtermx.infrastructure.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.filtermx.infrastructure.smtp.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

class MxResolverTest {

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final MxResolver resolver =
            new MxResolver(dns.lookup(Duration.ofMillis(800)), Duration.ofMillis(800));

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void ordersMxHostsByPreferenceWithTheirAddresses() throws Exception {
        dns.add(mx("example.test.", 20, "backup.example.test."))
                .add(mx("example.test.", 10, "primary.example.test."))
                .add(a("primary.example.test.", "192.0.2.1"))
                .add(aaaa("primary.example.test.", "2001:db8::1"))
                .add(a("backup.example.test.", "192.0.2.2"));

        List<Destination> destinations = resolver.resolve("example.test");

        assertThat(destinations)
                .extracting(Destination::toString)
                .containsExactly(
                        "primary.example.test[192.0.2.1]:25",
                        "primary.example.test[2001:db8:0:0:0:0:0:1]:25",
                        "backup.example.test[192.0.2.2]:25");
    }

    @Test
    void randomizesHostsOfEqualPreference() throws Exception {
        dns.add(mx("example.test.", 10, "one.example.test."))
                .add(mx("example.test.", 10, "two.example.test."))
                .add(a("one.example.test.", "192.0.2.1"))
                .add(a("two.example.test.", "192.0.2.2"));

        Set<String> firstHosts = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            firstHosts.add(resolver.resolveHosts("example.test").get(0).name());
        }

        assertThat(firstHosts).containsExactlyInAnyOrder("one.example.test", "two.example.test");
    }

    @Test
    void usesTheDomainItselfWhenThereIsNoMx() throws Exception {
        dns.add(a("plain.test.", "192.0.2.7"));

        List<MailHost> hosts = resolver.resolveHosts("plain.test");

        assertThat(hosts)
                .containsExactly(
                        new MailHost("plain.test", 0, List.of(InetAddress.getByName("192.0.2.7"))));
    }

    @Test
    void fallsBackToTheDomainsIpv6AddressWithoutMxOrA() throws Exception {
        dns.add(aaaa("six.test.", "2001:db8::6"));

        assertThat(resolver.resolve("six.test"))
                .extracting(Destination::toString)
                .containsExactly("six.test[2001:db8:0:0:0:0:0:6]:25");
    }

    /** An IPv6-only MX host (AAAA, no A) is a destination like any other. */
    @Test
    void deliversToAnMxHostThatHasOnlyAnIpv6Address() throws Exception {
        dns.add(mx("example.test.", 10, "v6only.example.test."))
                .add(aaaa("v6only.example.test.", "2001:db8::25"));

        assertThat(resolver.resolve("example.test"))
                .extracting(Destination::toString)
                .containsExactly("v6only.example.test[2001:db8:0:0:0:0:0:25]:25");
    }

    @Test
    void connectsToTheConfiguredMxPort() throws Exception {
        dns.add(mx("example.test.", 10, "mx.example.test."))
                .add(a("mx.example.test.", "127.0.0.1"));
        MxResolver onTestPort =
                new MxResolver(dns.lookup(Duration.ofMillis(800)), Duration.ofMillis(800), 14525);

        assertThat(onTestPort.resolve("example.test"))
                .extracting(Destination::toString)
                .containsExactly("mx.example.test[127.0.0.1]:14525");
    }

    @Test
    void treatsNullMxAsPermanentFailure() {
        dns.add(mx("nomail.test.", 0, "."));

        assertThatThrownBy(() -> resolver.resolve("nomail.test"))
                .isInstanceOfSatisfying(
                        MxLookupException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("null MX");
    }

    @Test
    void treatsNxdomainAsPermanentFailure() {
        dns.respond(name("gone.test."), Rcode.NXDOMAIN);

        assertThatThrownBy(() -> resolver.resolve("gone.test"))
                .isInstanceOfSatisfying(
                        MxLookupException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("NXDOMAIN");
    }

    @Test
    void treatsServfailAsTemporaryFailure() {
        dns.respond(name("broken.test."), Rcode.SERVFAIL);

        assertThatThrownBy(() -> resolver.resolve("broken.test"))
                .isInstanceOfSatisfying(
                        MxLookupException.class, e -> assertThat(e.permanent()).isFalse())
                .hasMessageContaining("SERVFAIL");
    }

    @Test
    void givesUpOnSilentServerWithinTheTimeoutAsTemporary() {
        dns.respond(name("slow.test."), LoopbackDnsServer.SILENT);
        long start = System.nanoTime();

        assertThatThrownBy(() -> resolver.resolve("slow.test"))
                .isInstanceOfSatisfying(
                        MxLookupException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void skipsMxHostWhoseAddressLookupFailsTemporarily() throws Exception {
        dns.add(mx("example.test.", 10, "down.example.test."))
                .add(mx("example.test.", 20, "up.example.test."))
                .respond(name("down.example.test."), Rcode.SERVFAIL)
                .add(a("up.example.test.", "192.0.2.9"));

        assertThat(resolver.resolveHosts("example.test"))
                .extracting(MailHost::name)
                .containsExactly("up.example.test");
    }

    @Test
    void hostsAreSecureWhenTheMxAndAddressAnswersAreAuthenticated() throws Exception {
        dns.add(mx("signed.test.", 10, "mx.signed.test."))
                .add(a("mx.signed.test.", "192.0.2.1"))
                .authenticated("signed.test")
                .authenticated("mx.signed.test");

        assertThat(resolver.resolveHosts("signed.test"))
                .singleElement()
                .satisfies(host -> assertThat(host.secure()).isTrue());
        assertThat(dns.adInQueries()).containsOnly(true);
    }

    @Test
    void hostsAreInsecureWhenTheMxAnswerIsNotAuthenticated() throws Exception {
        dns.add(mx("half.test.", 10, "mx.signed.test."))
                .add(a("mx.signed.test.", "192.0.2.1"))
                .authenticated("mx.signed.test");

        assertThat(resolver.resolveHosts("half.test").get(0).secure()).isFalse();
    }

    @Test
    void hostsAreInsecureWhenTheirAddressesAreNot() throws Exception {
        dns.add(mx("signed.test.", 10, "mx.unsigned.test."))
                .add(a("mx.unsigned.test.", "192.0.2.1"))
                .authenticated("signed.test");

        assertThat(resolver.resolveHosts("signed.test").get(0).secure()).isFalse();
    }

    @Test
    void anMxHostReachedThroughACnameIsInsecure() throws Exception {
        dns.add(mx("signed.test.", 10, "alias.signed.test."))
                .addAs("alias.signed.test", a("real.signed.test.", "192.0.2.1"))
                .authenticated("signed.test")
                .authenticated("alias.signed.test");

        MailHost host = resolver.resolveHosts("signed.test").get(0);

        assertThat(host.addresses()).containsExactly(inet("192.0.2.1"));
        assertThat(host.secure()).isFalse();
    }

    @Test
    void anImplicitMxIsSecureWithAnAuthenticatedDenialOfMx() throws Exception {
        dns.add(a("plain.test.", "192.0.2.7")).authenticated("plain.test");

        assertThat(resolver.resolveHosts("plain.test").get(0).secure()).isTrue();
    }

    private static MXRecord mx(String owner, int preference, String target) {
        return new MXRecord(name(owner), DClass.IN, 300, preference, name(target));
    }

    private static ARecord a(String owner, String address) {
        return new ARecord(name(owner), DClass.IN, 300, inet(address));
    }

    private static AAAARecord aaaa(String owner, String address) {
        return new AAAARecord(name(owner), DClass.IN, 300, inet(address));
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InetAddress inet(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
