package org.filtermx.imap.server.protocol;

/**
 * LIST and LSUB patterns (RFC 3501 section 6.3.8): {@code *} matches any characters, {@code %} any
 * but the hierarchy delimiter {@code /}. Matched with a two-row table, time bounded by the product
 * of the two lengths (both capped), never by backtracking, and without regular expressions.
 */
public final class MailboxPattern {

    /** Longest pattern accepted. */
    static final int LIMIT = 1024;

    private final String pattern;

    private MailboxPattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The pattern of a reference and a mailbox argument, joined as RFC 3501 section 6.3.8
     * describes; a leading {@code INBOX} is matched case-insensitively (section 5.1).
     */
    public static MailboxPattern of(String reference, String mailbox) throws BadCommand {
        String joined = reference + mailbox;
        if (joined.length() > LIMIT) {
            throw new BadCommand("Pattern too long");
        }
        return new MailboxPattern(joined);
    }

    public boolean matches(String name) {
        if (name.equalsIgnoreCase("INBOX")) {
            return match(name.toUpperCase(java.util.Locale.ROOT), upperInbox(pattern));
        }
        return match(name, pattern);
    }

    private static String upperInbox(String p) {
        if (p.length() >= 5 && p.regionMatches(true, 0, "INBOX", 0, 5)) {
            return "INBOX" + p.substring(5);
        }
        return p;
    }

    private static boolean match(String name, String p) {
        int n = name.length();
        boolean[] previous = new boolean[n + 1];
        boolean[] current = new boolean[n + 1];
        previous[0] = true;
        for (int j = 0; j < p.length(); j++) {
            char c = p.charAt(j);
            current[0] = (c == '*' || c == '%') && previous[0];
            for (int i = 1; i <= n; i++) {
                char x = name.charAt(i - 1);
                if (c == '*') {
                    current[i] = previous[i] || current[i - 1];
                } else if (c == '%') {
                    current[i] = previous[i] || (current[i - 1] && x != '/');
                } else {
                    current[i] = previous[i - 1] && c == x;
                }
            }
            boolean[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[n];
    }
}
