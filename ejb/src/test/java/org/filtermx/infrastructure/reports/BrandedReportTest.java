package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.filtermx.application.Brand;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.WelcomeContent;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.junit.jupiter.api.Test;

/**
 * Reports and welcome mails in a reseller's brand: its product name, logo (inline in the mail,
 * drawn in the PDF), colours and support address; and the cluster's brand leaves them as they were.
 */
class BrandedReportTest {

    private static final JasperReportRenderer RENDERER = new JasperReportRenderer();

    static Brand acme() throws IOException {
        BufferedImage image = new BufferedImage(160, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xc0, 0x20, 0x20));
        g.fillRect(0, 0, 160, 40);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return new Brand(
                "Acme Mail Shield",
                "#7a1f5c",
                "#0b7a3e",
                "help@acme.example",
                "image/png",
                "0123456789abcdef0123456789abcdef",
                png.toByteArray());
    }

    @Test
    void reportMailCarriesTheBrand() throws IOException {
        Brand brand = acme();
        RenderedReport report =
                RENDERER.render(ReportSamples.user(3, ReportFormat.HTML).withBrand(brand));

        assertThat(report.html())
                .contains("Acme Mail Shield kept these messages")
                .contains("src=\"cid:" + RenderedReport.LOGO_CID + "\"")
                .contains("background-color:#7a1f5c")
                .contains("background-color:#0b7a3e")
                .contains("Questions? Write to help@acme.example.")
                .doesNotContain("FilterMX");
        assertThat(report.text())
                .contains("Acme Mail Shield protection report for bob@example.com")
                .contains("help@acme.example")
                .doesNotContain("FilterMX");
        assertThat(report.logo()).isEqualTo(brand.logo());
        assertThat(report.logoType()).isEqualTo("image/png");
        assertThat(report.replyTo()).isEqualTo("help@acme.example");
    }

    @Test
    void pdfShowsTheProductNameTheSupportAddressAndTheLogo() throws IOException {
        RenderedReport report =
                RENDERER.render(ReportSamples.user(3, ReportFormat.PDF).withBrand(acme()));
        Path dir = Files.createDirectories(Path.of("target/reports"));
        Path pdf = dir.resolve("branded-report.pdf");
        Files.write(pdf, report.pdf());

        assertThat(Poppler.text(pdf))
                .contains("Acme Mail Shield kept these messages")
                .contains("help@acme.example")
                .doesNotContain("FilterMX");
        assertThat(Poppler.info(pdf)).containsPattern("Creator:\\s+Acme Mail Shield");
        // The logo is an image of the PDF; the cluster's report has none.
        assertThat(new String(report.pdf(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("/Subtype/Image");
        RenderedReport plain = RENDERER.render(ReportSamples.user(3, ReportFormat.PDF));
        assertThat(new String(plain.pdf(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("/Subtype/Image");
    }

    @Test
    void welcomeMailCarriesTheBrand() throws IOException {
        WelcomeContent c = ReportSamples.welcome();
        RenderedReport mail =
                RENDERER.welcome(
                        new WelcomeContent(
                                c.address(),
                                c.domain(),
                                c.loginLink(),
                                c.loginLinkExpires(),
                                c.consoleUrl(),
                                c.firstReportAt(),
                                acme()));

        assertThat(mail.text())
                .contains("Acme Mail Shield filters the mail of example.com")
                .contains("sent automatically by Acme Mail Shield")
                .contains("Questions? Write to help@acme.example.");
        assertThat(mail.html())
                .contains("cid:" + RenderedReport.LOGO_CID)
                .contains("Acme Mail Shield")
                .doesNotContain("FilterMX");
        assertThat(mail.replyTo()).isEqualTo("help@acme.example");
    }

    @Test
    void theClusterBrandLeavesMailsAsTheyWere() {
        RenderedReport report = RENDERER.render(ReportSamples.user(3, ReportFormat.HTML));
        assertThat(report.html())
                .contains("FilterMX kept these messages")
                .doesNotContain("cid:")
                .doesNotContain("Questions?");
        assertThat(report.logo()).isNull();
        assertThat(report.replyTo()).isNull();
    }
}
