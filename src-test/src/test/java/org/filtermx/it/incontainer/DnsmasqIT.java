package org.filtermx.it.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.dns.MailHost;
import org.filtermx.infrastructure.dns.MxLookupException;
import org.filtermx.infrastructure.dns.MxResolver;
import org.filtermx.infrastructure.dns.TxtLookup;
import org.filtermx.it.Dnsmasq;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tests' dnsmasq answers the gateway's own resolver path: inside the server, the MX lookup of
 * outgoing delivery and the TXT lookup, both through the configured {@code FILTERMX_DNS}, see its
 * MX, A/AAAA and TXT records (a DKIM key longer than one TXT string too) and NXDOMAIN for other
 * names of its zones. Names carry a fresh tag: the node's DNS cache may hold earlier answers.
 */
@ExtendWith(ArquillianExtension.class)
class DnsmasqIT {

    private static final String EJB_MODULE = "deployment.filtermx.ear.filtermx-ejb.jar";

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "dnsmasq.war")
                .addClasses(DnsmasqIT.class, Dnsmasq.class, Dnsmasq.Builder.class)
                .addAsManifestResource(
                        new StringAsset("Dependencies: " + EJB_MODULE + "\n"), "MANIFEST.MF");
    }

    @Test
    void theGatewaysResolverSeesMxAddressAndTxtRecords() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "dnsmasq-" + tag + ".test";
        String key =
                "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9);
        String dns = new GatewaySettings().dnsServer();
        try (Dnsmasq dnsmasq =
                Dnsmasq.builder()
                        .mx(domain, "mx2." + domain, 20)
                        .mx(domain, "mx1." + domain, 10)
                        .address("mx1." + domain, "127.0.0.1", "::1")
                        .address("mx2." + domain, "127.0.0.2")
                        .txt(domain, "v=spf1 include:spf.mx.filtermx.test -all")
                        .txt("sel._domainkey." + domain, key)
                        .start()) {
            List<MailHost> hosts = new MxResolver(dns).resolveHosts(domain);
            assertEquals(
                    List.of("mx1." + domain, "mx2." + domain),
                    hosts.stream().map(MailHost::name).toList(),
                    "MX hosts in preference order");
            assertEquals(List.of(10, 20), hosts.stream().map(MailHost::preference).toList());
            assertEquals(
                    List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
                    hosts.get(0).addresses(),
                    "A and AAAA of the first MX");

            TxtLookup txt = new TxtLookup(dns, java.time.Duration.ofSeconds(3));
            assertEquals(
                    List.of("v=spf1 include:spf.mx.filtermx.test -all"), txt.texts(domain).texts());
            TxtLookup.Result dkim = txt.texts("sel._domainkey." + domain);
            assertEquals(List.of(key), dkim.texts(), "a long TXT joined from its strings");
            assertTrue(key.length() > 255, "the key needs more than one string");

            assertEquals(
                    TxtLookup.Status.NO_SUCH_NAME,
                    txt.texts("other." + domain).status(),
                    "unknown names of the zone do not exist");
            MxLookupException nx =
                    assertThrows(
                            MxLookupException.class,
                            () -> new MxResolver(dns).resolveHosts("missing-" + domain));
            assertTrue(nx.permanent(), "NXDOMAIN is permanent: " + nx.getMessage());
        }
    }
}
