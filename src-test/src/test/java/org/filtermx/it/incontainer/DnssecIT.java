package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.dns.MailHost;
import org.filtermx.infrastructure.dns.MxLookupException;
import org.filtermx.infrastructure.dns.MxResolver;
import org.filtermx.infrastructure.dns.TlsaLookup;
import org.filtermx.infrastructure.dns.TlsaRecord;
import org.filtermx.it.Dnsmasq;
import org.filtermx.it.DnssecZone;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's DNSSEC-aware lookups (the DANE building blocks of RFC 7672 section 2) inside the
 * server, through its configured {@code FILTERMX_DNS}, against a real validating Unbound in front
 * of NSD ({@link DnssecZone}): a signed zone gives secure TLSA records, a secure "none" for a name
 * without them (NXDOMAIN and NODATA, proven with NSEC) and secure MX hosts; an unsigned zone gives
 * insecure answers; a zone with broken signatures fails (SERVFAIL), which must never read as "no
 * records". Names carry a fresh tag: the node's DNS cache may hold earlier answers.
 */
@ExtendWith(ArquillianExtension.class)
class DnssecIT {

    private static final String EJB_MODULE = "deployment.filtermx.ear.filtermx-ejb.jar";

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "dnssec.war")
                .addClasses(
                        DnssecIT.class,
                        DnssecZone.class,
                        DnssecZone.Builder.class,
                        DnssecZone.Mode.class,
                        Dnsmasq.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    private final String dns = new GatewaySettings().dnsServer();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSignedZoneGivesSecureTlsaRecordsAndSecureMxHosts() throws Exception {
        String domain = "signed-" + tag + ".test";
        byte[] eeDigest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        byte[] taDigest = MessageDigest.getInstance("SHA-512").digest(new byte[] {4, 5, 6});
        try (DnssecZone zone =
                DnssecZone.builder()
                        .signed(domain)
                        .mx(domain, "mx." + domain, 10)
                        .address("mx." + domain, "127.0.0.1", "::1")
                        .tlsa("mx." + domain, 25, 3, 1, 1, eeDigest)
                        .tlsa("mx." + domain, 25, 2, 0, 2, taDigest)
                        .txt("_25._tcp.nodata." + domain, "no TLSA here")
                        .address("nodata." + domain, "127.0.0.2")
                        .start()) {
            TlsaLookup tlsa = new TlsaLookup(dns);
            TlsaLookup.Result found = tlsa.lookup("mx." + domain, 25);
            assertEquals(TlsaLookup.Status.SECURE, found.status(), found.detail());
            assertEquals(2, found.records().size(), found.records().toString());
            assertTrue(found.records().contains(new TlsaRecord(3, 1, 1, eeDigest)));
            assertTrue(found.records().contains(new TlsaRecord(2, 0, 2, taDigest)));

            assertEquals(
                    TlsaLookup.Status.SECURE_NONE,
                    tlsa.lookup("missing." + domain, 25).status(),
                    "an authenticated NXDOMAIN means no TLSA records");
            assertEquals(
                    TlsaLookup.Status.SECURE_NONE,
                    tlsa.lookup("nodata." + domain, 25).status(),
                    "an authenticated NODATA means no TLSA records");

            List<MailHost> hosts = new MxResolver(dns).resolveHosts(domain);
            assertEquals(1, hosts.size());
            assertEquals("mx." + domain, hosts.get(0).name());
            assertEquals(
                    List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
                    hosts.get(0).addresses());
            assertTrue(hosts.get(0).secure(), "signed MX and address records: a secure host");
        }
    }

    @Test
    void anUnsignedZoneGivesInsecureAnswers() throws Exception {
        String domain = "unsigned-" + tag + ".test";
        try (DnssecZone zone =
                DnssecZone.builder()
                        .unsigned(domain)
                        .mx(domain, "mx." + domain, 10)
                        .address("mx." + domain, "127.0.0.1")
                        .tlsa("mx." + domain, 25, 3, 1, 1, new byte[32])
                        .start()) {
            TlsaLookup tlsa = new TlsaLookup(dns);
            TlsaLookup.Result result = tlsa.lookup("mx." + domain, 25);
            assertEquals(TlsaLookup.Status.INSECURE, result.status());
            assertTrue(result.records().isEmpty(), "insecure records are not handed out");
            assertEquals(
                    TlsaLookup.Status.INSECURE,
                    tlsa.lookup("missing." + domain, 25).status(),
                    "an unauthenticated NXDOMAIN is insecure, not a secure none");

            MailHost host = new MxResolver(dns).resolveHosts(domain).get(0);
            assertEquals("mx." + domain, host.name());
            assertFalse(host.secure(), "an unsigned zone's MX host is insecure");
        }
    }

    @Test
    void aZoneWithBrokenSignaturesFailsInsteadOfReadingAsNone() throws Exception {
        String domain = "bogus-" + tag + ".test";
        try (DnssecZone zone =
                DnssecZone.builder()
                        .bogus(domain)
                        .mx(domain, "mx." + domain, 10)
                        .address("mx." + domain, "127.0.0.1")
                        .tlsa("mx." + domain, 25, 3, 1, 1, new byte[32])
                        .start()) {
            TlsaLookup tlsa = new TlsaLookup(dns);
            TlsaLookup.Result result = tlsa.lookup("mx." + domain, 25);
            assertEquals(TlsaLookup.Status.FAILED, result.status(), result.toString());
            assertEquals(
                    TlsaLookup.Status.FAILED,
                    tlsa.lookup("missing." + domain, 25).status(),
                    "a bogus denial is no proof of absence");

            MxLookupException e =
                    assertThrows(
                            MxLookupException.class,
                            () -> new MxResolver(dns).resolveHosts(domain));
            assertFalse(e.permanent(), "bogus MX data is worth retrying: " + e.getMessage());
        }
    }

    @Test
    void aSignedDomainsHostInAnUnsignedZoneOrBehindACnameIsInsecure() throws Exception {
        String domain = "mixed-" + tag + ".test";
        String other = "elsewhere-" + tag + ".test";
        try (DnssecZone zone =
                DnssecZone.builder()
                        .signed(domain)
                        .unsigned(other)
                        .mx(domain, "mx." + other, 10)
                        .address("mx." + other, "127.0.0.1")
                        .mx("alias." + domain, "mx.alias." + domain, 10)
                        .cname("mx.alias." + domain, "real." + domain)
                        .address("real." + domain, "127.0.0.3")
                        .start()) {
            MxResolver resolver = new MxResolver(dns);
            MailHost unsignedHost = resolver.resolveHosts(domain).get(0);
            assertEquals("mx." + other, unsignedHost.name());
            assertFalse(unsignedHost.secure(), "a secure MX to a host in an unsigned zone");

            MailHost aliased = resolver.resolveHosts("alias." + domain).get(0);
            assertEquals(List.of(InetAddress.getByName("127.0.0.3")), aliased.addresses());
            assertFalse(aliased.secure(), "a CNAME'd MX host counts as insecure");
        }
    }
}
