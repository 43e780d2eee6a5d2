package org.filtermx.smtp.server.protocol;

import java.util.Optional;

/**
 * Parses the angle-bracketed paths of MAIL and RCPT after RFC 5321 section 4.1.2, checking pure
 * syntax only: forms such as {@code user%other@host} or quoted local parts are valid syntax and are
 * handed on as written, for the endpoint's policy to judge.
 */
public final class PathParser {

    /** RFC 5321 section 4.5.3.1. */
    static final int MAX_LOCAL_PART = 64;

    static final int MAX_DOMAIN = 255;
    static final int MAX_PATH = 256;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private final String text;
    private int pos;

    private PathParser(String text, int start) {
        this.text = text;
        this.pos = start;
    }

    /**
     * Parses a path that starts at {@code start}.
     *
     * @param allowNull whether {@code <>} is acceptable (MAIL)
     * @param allowLocalOnly whether a mailbox without a domain is acceptable (RCPT; RFC 5321
     *     section 4.1.1.3 requires {@code <Postmaster>}, and the endpoint judges the rest)
     * @return the path, or empty on a syntax error
     */
    public static Optional<ParsedPath> parse(
            String text, int start, boolean allowNull, boolean allowLocalOnly) {
        return new PathParser(text, start).path(allowNull, allowLocalOnly);
    }

    private Optional<ParsedPath> path(boolean allowNull, boolean allowLocalOnly) {
        if (!accept('<')) {
            return Optional.empty();
        }
        if (allowNull && accept('>')) {
            return Optional.of(new ParsedPath("", pos));
        }
        // The A-d-l of a source route is accepted and ignored (RFC 5321 section 4.1.2, C.6).
        if (peek() == '@') {
            do {
                if (!accept('@') || !domain()) {
                    return Optional.empty();
                }
            } while (accept(','));
            if (!accept(':')) {
                return Optional.empty();
            }
        }
        int mailboxStart = pos;
        if (!localPart() || pos - mailboxStart > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        if (accept('@')) {
            int domainStart = pos;
            boolean ok = peek() == '[' ? addressLiteral() : domain();
            if (!ok || pos - domainStart > MAX_DOMAIN) {
                return Optional.empty();
            }
        } else if (!allowLocalOnly) {
            return Optional.empty();
        }
        String mailbox = text.substring(mailboxStart, pos);
        if (!accept('>') || mailbox.length() + 2 > MAX_PATH) {
            return Optional.empty();
        }
        return Optional.of(new ParsedPath(mailbox, pos));
    }

    /** Local-part = Dot-string / Quoted-string. */
    private boolean localPart() {
        if (accept('"')) {
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return true;
                }
                if (c == '\\') {
                    // quoted-pairSMTP = %d92 %d32-126
                    if (pos >= text.length() || text.charAt(pos) < 32 || text.charAt(pos) > 126) {
                        return false;
                    }
                    pos++;
                } else if (c < 32 || c > 126) {
                    return false;
                }
            }
            return false;
        }
        do {
            if (!atom()) {
                return false;
            }
        } while (accept('.'));
        return true;
    }

    private boolean atom() {
        int start = pos;
        while (pos < text.length() && isAtext(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    /** Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str]. */
    private boolean domain() {
        do {
            int start = pos;
            while (pos < text.length() && (isLetDig(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos == start || text.charAt(start) == '-' || text.charAt(pos - 1) == '-') {
                return false;
            }
        } while (accept('.'));
        return true;
    }

    /** address-literal = "[" ( IPv4 / IPv6 / General-address-literal ) "]", loosely checked. */
    private boolean addressLiteral() {
        accept('[');
        int start = pos;
        while (pos < text.length() && isDcontent(text.charAt(pos))) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!accept(']') || literal.isEmpty()) {
            return false;
        }
        return isIpv4(literal) || (literal.indexOf(':') > 0 && !literal.endsWith(":"));
    }

    private static boolean isIpv4(String literal) {
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private boolean accept(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private static boolean isAtext(char c) {
        return isLetDig(c) || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    private static boolean isLetDig(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** dcontent = %d33-90 / %d94-126. */
    private static boolean isDcontent(char c) {
        return (c >= 33 && c <= 90) || (c >= 94 && c <= 126);
    }

    /**
     * A parsed path.
     *
     * @param address the mailbox without brackets or source route; empty for {@code <>}
     * @param end index just after the closing bracket
     */
    public record ParsedPath(String address, int end) {}
}
