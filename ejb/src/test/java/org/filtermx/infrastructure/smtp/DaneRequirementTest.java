package org.filtermx.infrastructure.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TlsRequirement;
import org.filtermx.domain.model.domain.DeliveryTls;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.dns.TlsaLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * RFC 7672 section 2.2 decisions per MX host: only DNSSEC-secure hosts are looked up; secure usable
 * records make TLS mandatory and decide the certificate; secure but unusable ones still make TLS
 * mandatory; a failed lookup defers; anything else leaves MTA-STS or opportunistic TLS.
 */
class DaneRequirementTest {

    private static final String OWNER = "_25._tcp.mx.example.test";
    private static final TlsRequirement MTA_STS =
            new TlsRequirement(DeliveryTls.VERIFIED, "MTA-STS policy of example.test", false);

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final TlsaLookup tlsa =
            new TlsaLookup(dns.lookup(Duration.ofMillis(800)), Duration.ofMillis(800));

    @AfterEach
    void stop() {
        dns.close();
    }

    private static RelayHost host(boolean secure) throws Exception {
        return new RelayHost(
                "mx.example.test", 25, InetAddress.getByName("192.0.2.1"), MTA_STS, secure);
    }

    private static DaneRequirement decide(RelayHost host, TlsaLookup lookup) {
        return DaneRequirement.of(host, List.of("bob@example.test"), lookup);
    }

    @Test
    void anInsecureHostIsNotLookedUpAndKeepsItsRequirement() throws Exception {
        DaneRequirement d = decide(host(false), tlsa);
        assertThat(d.deferral()).isNull();
        assertThat(d.requirement()).isEqualTo(MTA_STS);
        assertThat(d.check()).isNull();
        assertThat(dns.questions()).isEmpty();
    }

    @Test
    void secureUsableRecordsMakeTlsMandatoryAndDecideTheCertificate() throws Exception {
        dns.add(record(3, 1, 1, new byte[32])).authenticated(OWNER);
        DaneRequirement d = decide(host(true), tlsa);
        assertThat(d.deferral()).isNull();
        assertThat(d.requirement().mandatory()).isTrue();
        assertThat(d.requirement().level()).isEqualTo(DeliveryTls.VERIFIED);
        assertThat(d.requirement().policy()).isEqualTo("DANE TLSA records of " + OWNER);
        assertThat(d.check().problem(new Certificate[0], "mx.example.test"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("no TLSA record matches"));
    }

    @Test
    void secureButUnusableRecordsStillMakeTlsMandatory() throws Exception {
        dns.add(record(1, 1, 1, new byte[32])).authenticated(OWNER);
        DaneRequirement d = decide(host(true), tlsa);
        assertThat(d.requirement().level()).isEqualTo(DeliveryTls.REQUIRED);
        assertThat(d.requirement().mandatory()).isTrue();
        assertThat(d.check()).isNull();
    }

    @Test
    void aFailedLookupDefersTheHost() throws Exception {
        dns.servfail(OWNER);
        DaneRequirement d = decide(host(true), tlsa);
        assertThat(d.deferral()).startsWith("DANE: TLSA lookup of " + OWNER + " failed");
    }

    @Test
    void noSecureRecordsLeaveMtaStsInForce() throws Exception {
        dns.nxdomain(OWNER).authenticated(OWNER);
        assertThat(decide(host(true), tlsa).requirement()).isEqualTo(MTA_STS);
        assertThat(decide(host(true), null).requirement()).as("DANE off").isEqualTo(MTA_STS);
    }

    private static TLSARecord record(int usage, int selector, int type, byte[] data)
            throws Exception {
        return new TLSARecord(
                Name.fromString(OWNER, Name.root), DClass.IN, 300, usage, selector, type, data);
    }
}
