package org.filtermx.infrastructure.filter.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.junit.jupiter.api.Test;

class AttachmentScannerTest {

    private static final byte[] MZ = "MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TEXT = "quarterly figures".getBytes(StandardCharsets.US_ASCII);

    private final AttachmentScanner scanner = new AttachmentScanner(AttachmentSettings.defaults());

    @Test
    void blocksExecutableExtensionsWhateverTheirCase() {
        assertThat(rules(Messages.file("Setup.EXE", MZ)))
                .containsExactly("ATTACHMENT_BLOCKED_EXT +10.0 (Setup.EXE)");
        assertThat(rules(Messages.file("script.Js", TEXT)))
                .containsExactly("ATTACHMENT_BLOCKED_EXT +10.0 (script.Js)");
    }

    @Test
    void letsOrdinaryDocumentsThrough() {
        assertThat(
                        scanner.scan(
                                Messages.withAttachments(
                                        Messages.file("report.pdf", TEXT),
                                        Messages.file("photo.v2.jpg", TEXT),
                                        Messages.file("", TEXT),
                                        Messages.file(
                                                "figures.zip", Archives.zip("q3.txt", TEXT)))))
                .isEqualTo(ScanResult.CLEAN);
    }

    @Test
    void flagsAnExecutableHiddenBehindADocumentExtension() {
        assertThat(rules(Messages.file("invoice.pdf.exe", MZ)))
                .containsExactly(
                        "ATTACHMENT_BLOCKED_EXT +10.0 (invoice.pdf.exe)",
                        "ATTACHMENT_DOUBLE_EXT +5.0 (invoice.pdf.exe)");
    }

    @Test
    void flagsAnExtensionPushedOutOfSightWithSpaces() {
        assertThat(rules(Messages.file("invoice.pdf                    .scr", MZ)))
                .anyMatch(r -> r.startsWith("ATTACHMENT_DOUBLE_EXT +5.0"));
    }

    @Test
    void judgesNamesOfAHundredThousandDotsOrSpacesInLinearTime() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    assertThat(rules(Messages.file("a" + ".".repeat(100_000) + "x", TEXT)))
                            .isEmpty();
                    assertThat(rules(Messages.file("a" + ".".repeat(100_000), TEXT))).isEmpty();
                    assertThat(
                                    rules(
                                            Messages.file(
                                                    "invoice.pdf" + ".".repeat(100_000) + "exe",
                                                    MZ)))
                            .containsExactly(
                                    "ATTACHMENT_BLOCKED_EXT +10.0 (invoice.pdf"
                                            + ".".repeat(89)
                                            + "...)");
                    assertThat(
                                    rules(
                                            Messages.file(
                                                    "invoice.pdf"
                                                            + " ".repeat(100_000)
                                                            + ".exe. . .",
                                                    MZ)))
                            .anyMatch(r -> r.startsWith("ATTACHMENT_DOUBLE_EXT +5.0"));
                    assertThat(rules(Messages.file(". ".repeat(50_000) + "doc.exe", MZ)))
                            .anyMatch(r -> r.startsWith("ATTACHMENT_DOUBLE_EXT +5.0"));
                });
    }

    @Test
    void flagsARightToLeftOverrideThatMakesExeDisplayAsPdf() {
        assertThat(rules(Messages.file("invoice\u202Efdp.exe", MZ)))
                .containsExactly(
                        "ATTACHMENT_BLOCKED_EXT +10.0 (invoiceU+202Efdp.exe)",
                        "ATTACHMENT_DOUBLE_EXT +5.0 (invoiceU+202Efdp.exe)");
    }

    @Test
    void seesThroughTrailingDotsAndFullWidthLetters() {
        assertThat(rules(Messages.file("run.exe. . ", MZ)))
                .anyMatch(r -> r.startsWith("ATTACHMENT_BLOCKED_EXT"));
        assertThat(rules(Messages.file("run.\uFF45\uFF58\uFF45", MZ)))
                .anyMatch(r -> r.startsWith("ATTACHMENT_BLOCKED_EXT"));
    }

    @Test
    void scoresEachRuleOnceNamingTheFiles() {
        assertThat(
                        rules(
                                Messages.file("a.exe", MZ),
                                Messages.file("b.bat", TEXT),
                                Messages.file("c.vbs", TEXT),
                                Messages.file("d.cmd", TEXT)))
                .containsExactly("ATTACHMENT_BLOCKED_EXT +10.0 (a.exe, b.bat, c.vbs and 1 more)");
    }

    @Test
    void findsAnExecutableInsideAZipWhateverItIsCalled() {
        byte[] zip = Archives.zip("docs/readme.txt", TEXT, "docs/setup.scr", MZ);

        assertThat(rules(Messages.file("documents.dat", zip)))
                .containsExactly(
                        "ARCHIVE_CONTAINS_EXECUTABLE +10.0 (documents.dat/docs/setup.scr)");
    }

    @Test
    void findsAnExecutableThreeArchivesDeep() {
        byte[] level3 = Archives.zip("payload.exe", MZ);
        byte[] level2 = Archives.zip("inner.zip", level3);
        byte[] level1 = Archives.zip("middle.zip", level2);

        assertThat(rules(Messages.file("outer.zip", level1)))
                .containsExactly(
                        "ARCHIVE_CONTAINS_EXECUTABLE +10.0"
                                + " (outer.zip/middle.zip/inner.zip/payload.exe)");
    }

    @Test
    void stopsAtTheFourthArchiveLevel() {
        byte[] level4 = Archives.zip("payload.exe", MZ);
        byte[] level3 = Archives.zip("l4.zip", level4);
        byte[] level2 = Archives.zip("l3.zip", level3);
        byte[] level1 = Archives.zip("l2.zip", level2);

        assertThat(rules(Messages.file("l1.zip", level1)))
                .containsExactly("ARCHIVE_TOO_DEEP +3.0 (l1.zip)");
    }

    @Test
    void flagsPasswordProtectedEntriesAndStillReadsTheirNames() {
        byte[] zip = Archives.encryptedZip("scan_0042.js", TEXT);

        assertThat(rules(Messages.file("scan.zip", zip)))
                .containsExactly(
                        "ARCHIVE_CONTAINS_EXECUTABLE +10.0 (scan.zip/scan_0042.js)",
                        "ARCHIVE_ENCRYPTED +5.0 (scan.zip)");
    }

    @Test
    void stopsANestedZipBombWithinLimitsAndBoundedTime() {
        byte[] zeros = Archives.zipOfZeros("zeros.bin", 200L * 1024 * 1024);
        byte[] level2 = Archives.zip("level3.zip", zeros);
        byte[] bomb = Archives.zip("level2.zip", level2);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        long start = System.nanoTime();
        ScanResult result = scanner.scan(Messages.withAttachments(Messages.file("bomb.zip", bomb)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.reasons()).extracting(Reason::rule).containsExactly("ARCHIVE_BOMB");
        assertThat(millis).isLessThan(3000);
    }

    @Test
    void flagsAHighRatioOnceTenMegabytesAreExpanded() {
        byte[] bomb = Archives.zipOfZeros("zeros.bin", 20L * 1024 * 1024);

        assertThat(rules(Messages.file("small.zip", bomb)))
                .containsExactly("ARCHIVE_BOMB +10.0 (small.zip)");
    }

    @Test
    void acceptsCompressibleArchivesBelowTheRatioFloor() {
        byte[] zip = Archives.zipOfZeros("sparse.img.bak", 5L * 1024 * 1024);

        assertThat(rules(Messages.file("backup.zip", zip))).isEmpty();
    }

    @Test
    void treatsTooManyEntriesAsABomb() {
        Object[] entries = new Object[2 * 10_001];
        for (int i = 0; i < 10_001; i++) {
            entries[2 * i] = "f" + i + ".txt";
            entries[2 * i + 1] = new byte[0];
        }

        assertThat(rules(Messages.file("many.zip", Archives.zip(entries))))
                .containsExactly("ARCHIVE_BOMB +10.0 (many.zip)");
    }

    @Test
    void looksIntoGzipAndTarGz() {
        byte[] tgz = Archives.gzip(Archives.tar("bin/update.ps1", TEXT));

        assertThat(rules(Messages.file("tool.exe.gz", Archives.gzip(MZ))))
                .containsExactly("ARCHIVE_CONTAINS_EXECUTABLE +10.0 (tool.exe.gz/tool.exe)");
        assertThat(rules(Messages.file("release.tgz", tgz)))
                .containsExactly(
                        "ARCHIVE_CONTAINS_EXECUTABLE +10.0"
                                + " (release.tgz/release.tar/bin/update.ps1)");
    }

    @Test
    void readsWhatATruncatedArchiveHoldsAndNotesTheRest() {
        byte[] noise = new byte[64 * 1024];
        new Random(3).nextBytes(noise);
        byte[] zip = Archives.zip("setup.exe", MZ, "noise.bin", noise);
        byte[] half = Arrays.copyOf(zip, zip.length / 2);

        Attachment truncated =
                new Attachment("parts.zip", "application/zip", zip.length, half, true);

        assertThat(rules(truncated))
                .containsExactly(
                        "ARCHIVE_CONTAINS_EXECUTABLE +10.0 (parts.zip/setup.exe)",
                        "ARCHIVE_UNREADABLE +1.0 (parts.zip)");
    }

    @Test
    void notesAnArchiveThatCannotBeRead() {
        byte[] broken =
                "PK\u0003\u0004garbage that is no zip".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(rules(Messages.file("broken.zip", broken)))
                .containsExactly("ARCHIVE_UNREADABLE +1.0 (broken.zip)");
    }

    @Test
    void inspectsAttachmentsAsTheParserDeliversThem() {
        String zip = Base64.getMimeEncoder().encodeToString(Archives.zip("Rechnung.pdf.lnk", TEXT));
        String message =
                "From: a@example.org\r\n"
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\n\r\n"
                        + "see attached\r\n"
                        + "--b\r\n"
                        + "Content-Type: application/zip\r\n"
                        + "Content-Disposition: attachment;"
                        + " filename=\"=?UTF-8?Q?R=C3=BCckruf.zip?=\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + zip
                        + "\r\n--b--\r\n";

        assertThat(scanner.scan(Messages.raw(message)).reasons())
                .extracting(Object::toString)
                .containsExactly(
                        "ARCHIVE_CONTAINS_EXECUTABLE +10.0 (Rückruf.zip/Rechnung.pdf.lnk)");
        assertThat(scanner.name()).isEqualTo("attachments");
    }

    private List<String> rules(Attachment... attachments) {
        return scanner.scan(Messages.withAttachments(attachments)).reasons().stream()
                .map(Object::toString)
                .toList();
    }
}
