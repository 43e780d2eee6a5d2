package org.filtermx.infrastructure.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TXTRecord;

class TxtLookupTest {

    private final LoopbackDnsServer dns = new LoopbackDnsServer();
    private final TxtLookup lookup =
            new TxtLookup(dns.lookup(Duration.ofMillis(800)), Duration.ofMillis(800));

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void joinsTheCharacterStringsOfEachRecord() throws Exception {
        dns.add(
                new TXTRecord(
                        Name.fromString("_filtermx-challenge.example.test."),
                        DClass.IN,
                        60,
                        java.util.List.of("filtermx-verification=", "abc")));

        TxtLookup.Result result = lookup.texts("_filtermx-challenge.example.test");

        assertThat(result.status()).isEqualTo(TxtLookup.Status.FOUND);
        assertThat(result.texts()).containsExactly("filtermx-verification=abc");
    }

    @Test
    void asksAgainEveryTimeSoANewlyPublishedRecordIsSeen() throws Exception {
        assertThat(lookup.texts("_filtermx-challenge.example.test").texts()).isEmpty();

        dns.add(
                new TXTRecord(
                        Name.fromString("_filtermx-challenge.example.test."),
                        DClass.IN,
                        3600,
                        "later"));

        assertThat(lookup.texts("_filtermx-challenge.example.test").texts())
                .containsExactly("later");
    }

    @Test
    void tellsAMissingNameFromAFailedLookup() throws Exception {
        dns.respond(Name.fromString("gone.example.test."), Rcode.NXDOMAIN)
                .respond(Name.fromString("broken.example.test."), Rcode.SERVFAIL);

        assertThat(lookup.texts("gone.example.test").status())
                .isEqualTo(TxtLookup.Status.NO_SUCH_NAME);
        assertThat(lookup.texts("broken.example.test").status()).isEqualTo(TxtLookup.Status.FAILED);
    }
}
