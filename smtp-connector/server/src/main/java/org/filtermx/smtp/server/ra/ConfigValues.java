package org.filtermx.smtp.server.ra;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the resource adapter's text properties into values. The container normally resolves the
 * {@code ${FILTERMX_NAME:default}} expressions of ra.xml from system properties; when an expression
 * arrives verbatim it is resolved here, from the system property of that name or else the
 * environment variable ({@code ${env.NAME:default}} reads the environment only).
 */
final class ConfigValues {

    private static final Pattern EXPRESSION =
            Pattern.compile("\\$\\{(env\\.)?([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

    private final UnaryOperator<String> environment;

    ConfigValues(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    static ConfigValues fromSystemEnvironment() {
        return new ConfigValues(System::getenv);
    }

    /** The value with every expression replaced; {@code null} stays null. */
    String text(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String fromProperty = matcher.group(1) == null ? System.getProperty(name) : null;
            String found = fromProperty != null ? fromProperty : environment.apply(name);
            String replacement =
                    found != null ? found : matcher.group(3) == null ? "" : matcher.group(3);
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

    /** {@code true} or {@code false} in any case; anything else is a configuration error. */
    boolean bool(String name, String value, boolean fallback) {
        String resolved = text(value);
        if (resolved == null || resolved.isEmpty()) {
            return fallback;
        }
        if (resolved.equalsIgnoreCase("true") || resolved.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(resolved);
        }
        throw new IllegalArgumentException(
                "resource adapter property " + name + " must be true or false, not " + resolved);
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
