package org.filtermx.application;

import java.util.Set;

/**
 * What a caller may see and act on: {@code domains} null means every domain (administrators);
 * {@code address} non-null limits an email user to its own mail.
 */
public record Visibility(Set<String> domains, String address) {

    public static final Visibility EVERYTHING = new Visibility(null, null);

    public Visibility {
        domains = domains == null ? null : Set.copyOf(domains);
    }

    /** Whether mail of {@code domain} is visible. */
    public boolean covers(String domain) {
        return domains == null || (domain != null && domains.contains(domain));
    }

    /** Whether a message of {@code domain} addressed to {@code recipients} is visible. */
    public boolean covers(String domain, Iterable<String> recipients) {
        if (!covers(domain)) {
            return false;
        }
        if (address == null) {
            return true;
        }
        for (String r : recipients) {
            if (r.equals(address)) {
                return true;
            }
        }
        return false;
    }
}
