package org.filtermx.domain.model.account;

import java.util.EnumSet;
import java.util.Set;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The one naming rule of logins, per kind, so that names of different kinds can never be equal:
 * administrators and resellers have plain names (letters, digits, '-' and '_', no '.' and no '@'),
 * a domain login is named by its domain (at least one '.', no '@'), and an email user by its
 * address (an '@'). With one unique name column across all kinds, no endpoint of one kind can reach
 * an account of another; the database enforces the same shapes (migration V9).
 */
public final class AccountName {

    /** Longest plain name (administrators and resellers). */
    public static final int MAX_PLAIN = 64;

    /** Longest name of any kind: an address (RFC 5321 section 4.5.3.1). */
    public static final int MAX = 320;

    private AccountName() {}

    /** The kinds whose names look like {@code name}: the only ones a login by that name can be. */
    public static Set<AccountRole> kindsOf(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX) {
            return EnumSet.noneOf(AccountRole.class);
        }
        if (name.indexOf('@') >= 0) {
            return EnumSet.of(AccountRole.EMAIL_USER);
        }
        if (name.indexOf('.') >= 0) {
            return EnumSet.of(AccountRole.DOMAIN);
        }
        return EnumSet.of(AccountRole.ADMIN, AccountRole.RESELLER);
    }

    /** Whether {@code name} has the shape of the names of {@code role}. */
    public static boolean fits(AccountRole role, String name) {
        if (role == null || name == null) {
            return false;
        }
        return switch (role) {
            case ADMIN, RESELLER -> isPlain(name);
            case DOMAIN -> isDomainName(name);
            case EMAIL_USER -> isAddress(name);
        };
    }

    /**
     * Checks a new administrator or reseller name, lower-cased: 3 to 64 letters, digits, '-' or
     * '_', starting and ending with a letter or digit. A linear scan, no pattern.
     *
     * @throws IllegalArgumentException naming the rule when it does not hold
     */
    public static String plain(String name) {
        String n = name == null ? "" : LowerCase.of(name.strip());
        boolean ok =
                n.length() >= 3
                        && n.length() <= MAX_PLAIN
                        && alnum(n.charAt(0))
                        && alnum(n.charAt(n.length() - 1));
        for (int i = 0; ok && i < n.length(); i++) {
            char c = n.charAt(i);
            ok = alnum(c) || c == '-' || c == '_';
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "a user name is 3 to "
                            + MAX_PLAIN
                            + " letters, digits, dashes or underscores (no dots or @: those name domain and email logins)");
        }
        return n;
    }

    /** Throws unless {@code name} fits {@code role}. */
    static void require(AccountRole role, String name) {
        if (!fits(role, name)) {
            throw new IllegalArgumentException(
                    switch (role == null ? AccountRole.ADMIN : role) {
                                case ADMIN, RESELLER ->
                                        "administrator and reseller names have no '.' or '@'";
                                case DOMAIN -> "a domain login is named by its domain";
                                case EMAIL_USER -> "an email user's login is named by its address";
                            }
                            + ": "
                            + clip(name));
        }
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty() || name.length() > MAX_PLAIN) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '@' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDomainName(String name) {
        if (name.length() > 253 || name.indexOf('@') >= 0 || name.indexOf('.') < 0) {
            return false;
        }
        try {
            return DomainName.normalize(name).equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isAddress(String name) {
        int at = name.lastIndexOf('@');
        return name.length() <= MAX
                && at > 0
                && at < name.length() - 1
                && isDomainName(name.substring(at + 1));
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
