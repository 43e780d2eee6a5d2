package org.filtermx.domain.model.domain;

import java.net.IDN;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;

/** Validates and normalises domain names (RFC 1035 section 2.3.1, IDNs in their A-label form). */
public final class DomainName {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainName() {}

    /**
     * Returns the lower-case ASCII form of {@code name}.
     *
     * @throws IllegalArgumentException when the name is not a valid domain name
     */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a domain name is required");
        }
        String ascii;
        try {
            ascii = LowerCase.of(IDN.toASCII(name.trim(), IDN.USE_STD3_ASCII_RULES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid domain name: " + name.strip());
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        String[] labels = ascii.split("\\.", -1);
        if (ascii.length() > 253 || labels.length < 2) {
            throw new IllegalArgumentException("not a valid domain name: " + name.strip());
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("not a valid domain name: " + name.strip());
            }
        }
        // RFC 3696 section 2: a top-level domain is never all digits, so this is an IP address.
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(
                    "an IP address is not a domain name: " + name.strip());
        }
        return ascii;
    }
}
