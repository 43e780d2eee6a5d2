package org.filtermx.infrastructure.filter.content;

import java.util.regex.Pattern;

/**
 * A lenient check that a From value holds mailboxes (RFC 5322 section 3.4): every element of the
 * list is an addr-spec, bare or in angle brackets, with a dotted or literal domain.
 */
final class MailboxSyntax {

    private static final int MAX_LENGTH = 2048;

    private static final Pattern ADDR_SPEC =
            Pattern.compile(
                    "[^\\s@<>()\\[\\]\\\\,;:\"]+@(?:[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+\\.?"
                            + "|\\[[^\\[\\]\\\\]+\\])");

    private MailboxSyntax() {}

    static boolean isMailboxList(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return false;
        }
        String plain = withoutQuotedStringsAndComments(value);
        if (plain == null) {
            return false;
        }
        for (String element : plain.split(",")) {
            if (!isMailbox(element.strip())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMailbox(String element) {
        int open = element.indexOf('<');
        if (open >= 0) {
            int close = element.indexOf('>', open);
            return close > open
                    && element.indexOf('<', open + 1) < 0
                    && element.substring(close + 1).isBlank()
                    && ADDR_SPEC.matcher(element.substring(open + 1, close).strip()).matches();
        }
        return ADDR_SPEC.matcher(element).matches();
    }

    /**
     * Replaces quoted strings by a placeholder word and drops comments, so commas and brackets
     * inside display names do not count; {@code null} when a quote or comment is left open.
     */
    private static String withoutQuotedStringsAndComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int comment = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || comment > 0)) {
                i++;
            } else if (quoted) {
                if (c == '"') {
                    quoted = false;
                    out.append('q');
                }
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if (comment == 0) {
                if (c == '"') {
                    quoted = true;
                } else {
                    out.append(c);
                }
            }
        }
        return quoted || comment > 0 ? null : out.toString();
    }
}
