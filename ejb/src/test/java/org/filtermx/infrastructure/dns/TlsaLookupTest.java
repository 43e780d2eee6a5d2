package org.filtermx.infrastructure.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

class TlsaLookupTest {

    private static final String OWNER = "_25._tcp.mx.example.test";

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final TlsaLookup lookup =
            new TlsaLookup(dns.lookup(Duration.ofMillis(800)), Duration.ofMillis(800));

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void authenticatedRecordsAreSecure() throws Exception {
        byte[] digest = HexFormat.of().parseHex("ab".repeat(32));
        dns.add(tlsa(OWNER, 3, 1, 1, digest)).add(tlsa(OWNER, 2, 0, 1, digest));
        dns.authenticated(OWNER);

        TlsaLookup.Result result = lookup.lookup("mx.example.test", 25);

        assertThat(result.status()).isEqualTo(TlsaLookup.Status.SECURE);
        assertThat(result.records())
                .containsExactlyInAnyOrder(
                        new TlsaRecord(3, 1, 1, digest), new TlsaRecord(2, 0, 1, digest));
        assertThat(result.records().get(0).toString()).endsWith(" " + "ab".repeat(32));
    }

    @Test
    void queriesAskForTheAdBit() {
        lookup.lookup("mx.example.test", 25);

        assertThat(dns.questions()).containsExactly(OWNER + " TLSA");
        assertThat(dns.adInQueries()).containsExactly(true);
    }

    @Test
    void unauthenticatedRecordsAreInsecureAndNotReturned() throws Exception {
        dns.add(tlsa(OWNER, 3, 1, 1, new byte[32]));

        TlsaLookup.Result result = lookup.lookup("mx.example.test", 25);

        assertThat(result.status()).isEqualTo(TlsaLookup.Status.INSECURE);
        assertThat(result.records()).isEmpty();
    }

    @Test
    void authenticatedNxdomainAndNodataAreSecurelyNone() {
        dns.nxdomain(OWNER).authenticated(OWNER);
        dns.authenticated("_25._tcp.other.example.test");

        assertThat(lookup.lookup("mx.example.test", 25).status())
                .isEqualTo(TlsaLookup.Status.SECURE_NONE);
        assertThat(lookup.lookup("other.example.test", 25).status())
                .isEqualTo(TlsaLookup.Status.SECURE_NONE);
    }

    @Test
    void unauthenticatedDenialIsInsecure() {
        dns.nxdomain(OWNER);

        assertThat(lookup.lookup("mx.example.test", 25).status())
                .isEqualTo(TlsaLookup.Status.INSECURE);
    }

    @Test
    void servfailAndSilenceFailRatherThanMeanNone() {
        dns.servfail(OWNER).authenticated(OWNER);
        dns.silent("_25._tcp.slow.example.test");

        TlsaLookup.Result servfail = lookup.lookup("mx.example.test", 25);
        assertThat(servfail.status()).isEqualTo(TlsaLookup.Status.FAILED);
        assertThat(servfail.detail()).contains("SERVFAIL");
        assertThat(lookup.lookup("slow.example.test", 25).status())
                .isEqualTo(TlsaLookup.Status.FAILED);
    }

    @Test
    void keepsAtMostTheCappedNumberOfRecordsAndLeavesOutOversizedData() throws Exception {
        List<org.xbill.DNS.Record> many = new java.util.ArrayList<>();
        for (int i = 0; i < TlsaLookup.MAX_RECORDS + 8; i++) {
            many.add(tlsa(OWNER, 3, 1, 1, HexFormat.of().parseHex("%064x".formatted(i))));
        }

        assertThat(TlsaLookup.kept(many)).hasSize(TlsaLookup.MAX_RECORDS);
        assertThat(
                        TlsaLookup.kept(
                                List.of(
                                        tlsa(
                                                OWNER,
                                                3,
                                                0,
                                                0,
                                                new byte[TlsaLookup.MAX_DATA_OCTETS + 1]),
                                        tlsa(
                                                OWNER,
                                                3,
                                                0,
                                                0,
                                                new byte[TlsaLookup.MAX_DATA_OCTETS]))))
                .singleElement()
                .satisfies(r -> assertThat(r.data()).hasSize(TlsaLookup.MAX_DATA_OCTETS));
    }

    @Test
    void answersAreKeptWithTheirAuthentication() throws Exception {
        dns.add(tlsa(OWNER, 3, 1, 1, new byte[32])).authenticated(OWNER);

        lookup.lookup("mx.example.test", 25);
        TlsaLookup.Result again = lookup.lookup("mx.example.test", 25);

        assertThat(again.status()).isEqualTo(TlsaLookup.Status.SECURE);
        assertThat(dns.questions()).hasSize(1);
    }

    @Test
    void ownerNameIsPortTcpAndTheAsciiHost() {
        assertThat(TlsaLookup.ownerName("MX.example.test.", 25))
                .isEqualTo("_25._tcp.MX.example.test");
        assertThat(TlsaLookup.ownerName("bücher.test", 465))
                .isEqualTo("_465._tcp.xn--bcher-kva.test");
        assertThatThrownBy(() -> TlsaLookup.ownerName("mx.test", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(lookup.lookup("", 25).status()).isEqualTo(TlsaLookup.Status.FAILED);
    }

    private static TLSARecord tlsa(String owner, int usage, int selector, int type, byte[] data)
            throws Exception {
        return new TLSARecord(
                Name.fromString(owner, Name.root), DClass.IN, 300, usage, selector, type, data);
    }
}
