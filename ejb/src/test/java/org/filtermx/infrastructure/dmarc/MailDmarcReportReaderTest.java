package org.filtermx.infrastructure.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.filtermx.application.port.DmarcReportReader;
import org.junit.jupiter.api.Test;

class MailDmarcReportReaderTest {

    /** A report mail as reporters send it: a text part and the compressed report attached. */
    static byte[] mail(String type, String filename, byte[] attachment) {
        String b64 = Base64.getMimeEncoder().encodeToString(attachment);
        String mail =
                "From: noreply-dmarc-support@google.com\r\n"
                        + "To: dmarc-reports@mx.filtermx.test\r\n"
                        + "Subject: Report domain: example.com Submitter: google.com Report-ID: 1\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate report.\r\n"
                        + "--b1\r\nContent-Type: "
                        + type
                        + "; name=\""
                        + filename
                        + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\""
                        + filename
                        + "\"\r\n\r\n"
                        + b64
                        + "\r\n--b1--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] zip(String name, byte[] content, int copies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < copies; i++) {
                zip.putNextEntry(new ZipEntry(copies == 1 ? name : i + name));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private final MailDmarcReportReader reader = new MailDmarcReportReader();

    @Test
    void readsAZippedReport() throws Exception {
        byte[] zip = zip("google.com!example.com!1!2.xml", AggregateReportParserTest.sample(), 1);
        DmarcReportReader.Reading reading =
                reader.read(mail("application/zip", "google.com!example.com!1!2.zip", zip));
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.reports()).hasSize(1);
        assertThat(reading.reports().get(0).rows()).hasSize(2);
    }

    @Test
    void readsAGzippedReport() throws Exception {
        byte[] gz = gzip(AggregateReportParserTest.sample());
        DmarcReportReader.Reading reading =
                reader.read(mail("application/gzip", "report.xml.gz", gz));
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.reports()).singleElement().extracting("orgName").isEqualTo("google.com");
    }

    @Test
    void readsAPlainXmlReportNamedInAnOctetStream() throws Exception {
        DmarcReportReader.Reading reading =
                reader.read(
                        mail(
                                "application/octet-stream",
                                "report.xml",
                                AggregateReportParserTest.sample()));
        assertThat(reading.reports()).hasSize(1);
    }

    @Test
    void refusesAZipBomb() throws Exception {
        // 21 MiB of zeros compress to about 20 KiB.
        byte[] zeros = new byte[21 * 1024 * 1024];
        byte[] bomb = zip("report.xml", zeros, 1);
        assertThat(bomb.length).isLessThan(100_000);
        DmarcReportReader.Reading reading = reader.read(mail("application/zip", "r.zip", bomb));
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.problems()).singleElement().asString().contains("larger than");
    }

    @Test
    void refusesAGzipBomb() throws Exception {
        byte[] bomb = gzip(new byte[21 * 1024 * 1024]);
        DmarcReportReader.Reading reading = reader.read(mail("application/gzip", "r.gz", bomb));
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.problems()).singleElement().asString().contains("larger than");
    }

    @Test
    void refusesZipsWithTooManyEntries() throws Exception {
        byte[] many = zip("r.xml", new byte[10], ReportAttachments.MAX_ZIP_ENTRIES + 1);
        DmarcReportReader.Reading reading = reader.read(mail("application/zip", "r.zip", many));
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.problems()).singleElement().asString().contains("entries");
    }

    @Test
    void saysWhenThereIsNoReport() {
        DmarcReportReader.Reading reading =
                reader.read("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.problems()).containsExactly("no zip, gzip or XML attachment");
    }
}
