package org.filtermx.infrastructure.persistence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema migration, {@code V<n>__<description>.sql}: plain SQL that runs on both
 * MariaDB and H2, statements separated by semicolons at line ends, {@code --} comments allowed.
 */
public record MigrationScript(int version, String name, List<String> statements) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    /** Loads every script named in {@code dir + "index.txt"}, ordered by version. */
    public static List<MigrationScript> load(String dir, ClassLoader loader) throws IOException {
        List<MigrationScript> scripts = new ArrayList<>();
        for (String line : SchemaMigrator.read(loader, dir + "index.txt").split("\n")) {
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
                            Integer.parseInt(m.group(1)),
                            name,
                            split(SchemaMigrator.read(loader, dir + name))));
        }
        scripts.sort(Comparator.comparingInt(MigrationScript::version));
        return scripts;
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
}
