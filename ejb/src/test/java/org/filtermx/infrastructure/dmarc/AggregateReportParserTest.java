package org.filtermx.infrastructure.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.filtermx.domain.model.dmarc.AggregateReport;
import org.filtermx.domain.model.dmarc.ReportRow;
import org.junit.jupiter.api.Test;

class AggregateReportParserTest {

    static byte[] sample() throws IOException {
        try (InputStream in =
                AggregateReportParserTest.class.getResourceAsStream(
                        "/dmarc/aggregate-google.xml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsMetadataPolicyAndRecordsOfAnRfc7489Report() throws Exception {
        AggregateReport report = AggregateReportParser.parse(sample());

        assertThat(report.orgName()).isEqualTo("google.com");
        assertThat(report.reportId()).isEqualTo("12598866915817748661");
        assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(1764633600));
        assertThat(report.end()).isEqualTo(Instant.ofEpochSecond(1764719999));
        assertThat(report.policyDomain()).isEqualTo("example.com");
        assertThat(report.policy()).isEqualTo("none");
        assertThat(report.percent()).isEqualTo(100);
        assertThat(report.rows()).hasSize(2);
        ReportRow first = report.rows().get(0);
        assertThat(first.sourceIp()).isEqualTo("192.0.2.10");
        assertThat(first.count()).isEqualTo(12);
        assertThat(first.dmarcPass()).isTrue();
        assertThat(first.dkimDomain()).isEqualTo("example.com");
        assertThat(first.spfResult()).isEqualTo("pass");
        ReportRow second = report.rows().get(1);
        assertThat(second.sourceIp()).isEqualTo("2001:db8::25");
        assertThat(second.dmarcPass()).isFalse();
        assertThat(second.dkimResult()).isNull();
        assertThat(second.spfDomain()).isEqualTo("mailer.example.net");
        assertThat(second.spfResult()).isEqualTo("softfail");
    }

    @Test
    void refusesExternalEntities() {
        String xxe =
                "<?xml version=\"1.0\"?>\n"
                        + "<!DOCTYPE feedback [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                        + "<feedback><report_metadata><org_name>&xxe;</org_name></report_metadata>"
                        + "</feedback>";
        assertThatThrownBy(() -> AggregateReportParser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AggregateReportParser.InvalidReport.class)
                .hasMessageContaining("document type");
    }

    @Test
    void refusesEntityExpansion() {
        String bomb =
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                        + "<feedback>&lol2;</feedback>";
        assertThatThrownBy(() -> AggregateReportParser.parse(bomb.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AggregateReportParser.InvalidReport.class);
    }

    @Test
    void refusesDeepNesting() {
        StringBuilder xml = new StringBuilder("<feedback>");
        for (int i = 0; i < 50; i++) {
            xml.append("<a>");
        }
        assertThatThrownBy(
                        () ->
                                AggregateReportParser.parse(
                                        xml.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AggregateReportParser.InvalidReport.class)
                .hasMessageContaining("deeply");
    }

    @Test
    void refusesOtherDocumentsAndBadAddresses() throws Exception {
        assertThatThrownBy(
                        () ->
                                AggregateReportParser.parse(
                                        "<html/>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("root html");
        String bad =
                new String(sample(), StandardCharsets.UTF_8).replace("192.0.2.10", "evil.example");
        assertThatThrownBy(() -> AggregateReportParser.parse(bad.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("source_ip");
    }

    @Test
    void tellsAddressesByScanning() {
        assertThat(IpText.isAddress("192.0.2.1")).isTrue();
        assertThat(IpText.isAddress("::ffff:192.0.2.1")).isTrue();
        assertThat(IpText.isAddress("2001:db8::1")).isTrue();
        assertThat(IpText.isAddress("256.1.1.1")).isFalse();
        assertThat(IpText.isAddress("1.2.3")).isFalse();
        assertThat(IpText.isAddress("example.com")).isFalse();
    }
}
