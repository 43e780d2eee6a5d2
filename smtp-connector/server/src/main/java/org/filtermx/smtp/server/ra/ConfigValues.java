package org.filtermx.smtp.server.ra;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the resource adapter's text properties into values. WildFly resolves {@code
 * ${env.NAME:default}} in ra.xml when spec-descriptor-property-replacement is on; when it is off
 * the text arrives verbatim, so the same expressions are resolved here as a fallback.
 */
final class ConfigValues {

    private static final Pattern EXPRESSION =
            Pattern.compile("\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final UnaryOperator<String> environment;

    ConfigValues(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    static ConfigValues fromSystemEnvironment() {
        return new ConfigValues(System::getenv);
    }

    /** The value with every {@code ${env.NAME:default}} replaced; {@code null} stays null. */
    String text(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String fromEnvironment = environment.apply(matcher.group(1));
            String replacement = fromEnvironment != null
                    ? fromEnvironment
                    : matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString().trim();
    }

    /** The value, or {@code fallback} when it resolves to nothing. */
    String text(String value, String fallback) {
        String resolved = text(value);
        return resolved == null || resolved.isEmpty() ? fallback : resolved;
    }

    int integer(String name, String value, int fallback) {
        return (int) number(name, value, fallback);
    }

    long number(String name, String value, long fallback) {
        String resolved = text(value);
        if (resolved == null || resolved.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(resolved);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "resource adapter property " + name + " is not a number: " + resolved, e);
        }
    }
}
