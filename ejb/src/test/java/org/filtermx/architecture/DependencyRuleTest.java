package org.filtermx.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the module: domain knows nothing of the layers around it, and the
 * application names no infrastructure type, not in an import, not by its full name. The application
 * declares what it needs in {@code org.filtermx.application.port}; the infrastructure implements it
 * and its CDI producers ({@code org.filtermx.infrastructure.cdi}) wire it in.
 */
class DependencyRuleTest {

    private static final Path SOURCES = Path.of("src/main/java/org/filtermx");

    private static final String INFRASTRUCTURE = "org.filtermx.infrastructure";
    private static final String APPLICATION = "org.filtermx.application";
    private static final String INTERFACES = "org.filtermx.interfaces";

    /** One offending line: the file, its line number and the text. */
    record Violation(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text.strip();
        }
    }

    /** The lines of {@code source} that name one of {@code forbidden}, ignoring comments. */
    static List<Violation> violations(String file, String source, List<String> forbidden) {
        List<Violation> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        boolean inComment = false;
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i];
            if (inComment) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                code = code.substring(end + 2);
                inComment = false;
            }
            int start = code.indexOf("/*");
            if (start >= 0) {
                int end = code.indexOf("*/", start + 2);
                inComment = end < 0;
                code = code.substring(0, start) + (end < 0 ? "" : code.substring(end + 2));
            }
            int lineComment = code.indexOf("//");
            if (lineComment >= 0) {
                code = code.substring(0, lineComment);
            }
            for (String name : forbidden) {
                if (code.contains(name + ".")) {
                    found.add(new Violation(file, i + 1, lines[i]));
                    break;
                }
            }
        }
        return found;
    }

    private static List<Violation> scan(String layer, List<String> forbidden) {
        Path root = SOURCES.resolve(layer);
        assertThat(root)
                .as("sources of " + layer + " (tests run from the module directory)")
                .isDirectory();
        List<Violation> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                found.addAll(
                        violations(
                                SOURCES.relativize(file).toString(),
                                Files.readString(file, StandardCharsets.UTF_8),
                                forbidden));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void theApplicationNamesNoInfrastructureType() {
        assertThat(scan("application", List.of(INFRASTRUCTURE, INTERFACES))).isEmpty();
    }

    @Test
    void theDomainNamesNeitherApplicationNorInfrastructure() {
        assertThat(scan("domain", List.of(APPLICATION, INFRASTRUCTURE, INTERFACES))).isEmpty();
    }

    @Test
    void theCheckFindsImportsAndFullNamesButNotComments() {
        String source =
                """
                package org.filtermx.application.internal;

                import org.filtermx.infrastructure.smtp.SmtpDeliveryClient;
                import static org.filtermx.infrastructure.config.GatewaySettings.parseDuration;
                /** Unlike {@code org.filtermx.infrastructure.smtp}, this is a comment. */
                class Example { // org.filtermx.infrastructure.dns.MxResolver in a comment
                    /*
                     org.filtermx.infrastructure.mime.EncodedWords
                     */
                    Object o = new org.filtermx.infrastructure.dns.MxResolver("");
                }
                """;
        assertThat(violations("Example.java", source, List.of(INFRASTRUCTURE)))
                .extracting(Violation::line)
                .containsExactly(3, 4, 10);
    }
}
