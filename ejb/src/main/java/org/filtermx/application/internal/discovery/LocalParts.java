package org.filtermx.application.internal.discovery;

import java.util.Optional;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The local part of an address as the local recipients list keeps it: lower-case, 1 to 64
 * characters (RFC 5321 section 4.5.3.1.1), no spaces, quotes or control characters. Anything else
 * is not offered as a candidate.
 */
final class LocalParts {

    static final int MAX = 64;

    private LocalParts() {}

    /** The local part of {@code address} if it is one the list can hold. */
    static Optional<String> of(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0 || at > MAX) {
            return Optional.empty();
        }
        String part = LowerCase.of(address.substring(0, at));
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c <= ' ' || c == '"' || c == '@' || c == '\\' || c == 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.of(part);
    }

    /** The domain of {@code address}, lower-case, or empty. */
    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : LowerCase.of(address.substring(at + 1));
    }
}
