package org.filtermx.web.architecture;

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
 * The web module's side of the dependency rule (docs/architecture.md): pages and resources call the
 * application's service interfaces and its ports, and never reach past them into the EJB module's
 * implementations, its infrastructure or its timers and endpoints.
 */
class WebDependencyRuleTest {

    private static final Path SOURCES = Path.of("src/main/java/org/filtermx/web");

    private static final List<String> FORBIDDEN =
            List.of(
                    "org.filtermx.infrastructure.",
                    "org.filtermx.application.internal.",
                    "org.filtermx.interfaces.");

    @Test
    void theWebModuleNamesNoImplementationOfTheEjbModule() {
        assertThat(SOURCES).as("web sources (tests run from the module directory)").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                        continue;
                    }
                    for (String name : FORBIDDEN) {
                        if (line.contains(name)) {
                            found.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).isEmpty();
    }
}
