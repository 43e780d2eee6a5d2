package org.filtermx.infrastructure.reports;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs poppler-utils (Debian's {@code pdftotext}, {@code pdffonts}, {@code pdfinfo}) on a rendered
 * PDF, as a reader's tools would see it. A missing tool fails the test rather than skipping it:
 * {@code scripts/install-test-deps.sh} installs poppler-utils.
 */
final class Poppler {

    private Poppler() {}

    /** The text of {@code pdf} in reading layout ({@code pdftotext -layout}). */
    static String text(Path pdf) {
        return run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    /** The text of one page of {@code pdf}. */
    static String page(Path pdf, int page) {
        String n = Integer.toString(page);
        return run("pdftotext", "-layout", "-enc", "UTF-8", "-f", n, "-l", n, pdf.toString(), "-");
    }

    /** {@code pdffonts}' table: one line per font. */
    static String fonts(Path pdf) {
        return run("pdffonts", pdf.toString());
    }

    /** {@code pdfinfo}'s key-value lines. */
    static String info(Path pdf) {
        return run("pdfinfo", pdf.toString());
    }

    /** The number of pages {@code pdfinfo} reports. */
    static int pages(Path pdf) {
        for (String line : info(pdf).split("\n")) {
            if (line.startsWith("Pages:")) {
                return Integer.parseInt(line.substring(6).strip());
            }
        }
        throw new AssertionError("pdfinfo reports no page count for " + pdf);
    }

    private static String run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        try {
            Path out = Files.createTempFile("poppler", ".txt");
            try {
                Process process =
                        new ProcessBuilder(args)
                                .redirectErrorStream(true)
                                .redirectOutput(out.toFile())
                                .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(command[0] + " did not finish in 60 s");
                }
                String output = Files.readString(out, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    fail(command[0] + " exited with " + process.exitValue() + ": " + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return fail(
                    command[0]
                            + " is not installed: run scripts/install-test-deps.sh (Debian"
                            + " package poppler-utils)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
