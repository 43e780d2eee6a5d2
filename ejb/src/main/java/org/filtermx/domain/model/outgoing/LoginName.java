package org.filtermx.domain.model.outgoing;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * The SMTP AUTH login name of an outgoing user: an address in the user's own domain ({@code
 * local@domain}; a bare local part gets the domain appended), so one tenant cannot take a name that
 * looks like another's. A linear scan of the local part, no pattern.
 */
public final class LoginName {

    /** RFC 5321 section 4.5.3.1.1. */
    public static final int MAX_LOCAL_PART = 64;

    private LoginName() {}

    /**
     * The login name for {@code name} in {@code domain}, lower case, or an {@link
     * IllegalArgumentException} that says the rule.
     */
    public static String of(String name, String domain) {
        String n = name == null ? "" : LowerCase.of(name.strip());
        if (n.length() > MAX_LOCAL_PART + 1 + 253) {
            throw new IllegalArgumentException("the user name is too long");
        }
        int at = n.indexOf('@');
        String local = at < 0 ? n : n.substring(0, at);
        if (at >= 0 && !n.substring(at + 1).equals(domain)) {
            throw new IllegalArgumentException(
                    "the user name must be an address in " + domain + " (or just its local part)");
        }
        if (!localPart(local)) {
            throw new IllegalArgumentException(
                    "the user name's local part must be 1 to "
                            + MAX_LOCAL_PART
                            + " letters, digits or . _ + - (not starting or ending with .)");
        }
        return local + "@" + domain;
    }

    private static boolean localPart(String local) {
        if (local.isEmpty()
                || local.length() > MAX_LOCAL_PART
                || local.startsWith(".")
                || local.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '_'
                            || c == '+'
                            || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
