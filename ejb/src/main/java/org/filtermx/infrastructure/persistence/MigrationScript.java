package org.filtermx.infrastructure.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema migration, {@code V<n>__<description>.sql}: plain SQL that runs on both
 * MariaDB and H2 in MariaDB mode (so there is one script per version, no variant per vendor),
 * statements ending with a semicolon, {@code --} comments allowed.
 *
 * <p>The scripts are listed in {@code db/migration/index.txt} rather than found by scanning the
 * class path: Flyway's class path scanner does not see into JBoss Modules' VFS reliably, and the
 * list is read with the plain class loader in every environment (docs/adr/0037).
 */
public record MigrationScript(int version, String name, String sql) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    /** Loads every script named in {@code dir + "index.txt"}, ordered by version. */
    public static List<MigrationScript> load(String dir, ClassLoader loader) throws IOException {
        List<MigrationScript> scripts = new ArrayList<>();
        for (String line : read(loader, dir + "index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IOException("migration file name must be V<n>__<words>.sql: " + name);
            }
            scripts.add(
                    new MigrationScript(
                            Integer.parseInt(m.group(1)), name, read(loader, dir + name)));
        }
        scripts.sort(Comparator.comparingInt(MigrationScript::version));
        return scripts;
    }

    /**
     * The statements as the runner before Flyway split them (at semicolons that end a line); kept
     * for the tests that rebuild a database as that runner left it.
     */
    public List<String> statements() {
        return split(sql);
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Reads a whole resource as UTF-8 text. */
    static String read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
