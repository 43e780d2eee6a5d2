package org.filtermx.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the settings of a systemd unit file's {@code [Service]} section, as far as a test that
 * starts the service without systemd needs them (systemd.syntax(7), systemd.service(5)).
 */
final class UnitFile {

    private UnitFile() {}

    /**
     * The {@code [Service]} section's settings by name; a setting given on several lines (such as
     * {@code Environment=}) has its values joined by a space, as systemd joins them. Comments and
     * empty lines are skipped; no line continuations.
     */
    static Map<String, String> serviceSection(String unit) {
        Map<String, String> settings = new LinkedHashMap<>();
        String section = "";
        for (String raw : unit.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (!section.equals("[Service]") || eq < 1) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            settings.merge(name, value, (a, b) -> a + " " + b);
        }
        return settings;
    }

    /**
     * A command line or an {@code Environment=} value split into words: separated by spaces, double
     * or single quotes around a word keep its spaces and are removed.
     */
    static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in: " + value);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
