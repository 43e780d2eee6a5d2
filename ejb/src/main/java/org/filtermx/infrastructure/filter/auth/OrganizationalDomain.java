package org.filtermx.infrastructure.filter.auth;

import org.filtermx.domain.model.shared.LowerCase;

/**
 * The organizational domain of a name (RFC 7489 section 3.2), which relaxed DMARC alignment
 * compares and where the policy of a subdomain is looked up: the public suffix from the Public
 * Suffix List ({@link PublicSuffixes}) plus one label, so that {@code attacker.co.ke} and {@code
 * bank.co.ke} are different organizations.
 */
public final class OrganizationalDomain {

    /** Longer names are not domain names (RFC 1035 section 2.3.4); they are compared whole. */
    private static final int MAX_NAME = 253;

    private OrganizationalDomain() {}

    /**
     * The organizational domain of {@code domain}, lower case, without a trailing dot; a name that
     * is itself a public suffix (or no domain name at all) is its own organizational domain.
     */
    public static String of(String domain) {
        return of(domain, PublicSuffixes.configured());
    }

    static String of(String domain, PublicSuffixes suffixes) {
        String name = normalize(domain);
        if (name.isEmpty()
                || name.length() > MAX_NAME
                || name.startsWith(".")
                || name.contains("..")) {
            return name;
        }
        String registrable = suffixes.registrableDomain(name);
        return registrable == null ? name : registrable;
    }

    /**
     * Whether two domains are aligned (RFC 7489 section 3.1): strictly when equal, relaxed when
     * their organizational domains are.
     */
    public static boolean aligned(String one, String other, boolean strict) {
        if (one == null || other == null || one.isBlank() || other.isBlank()) {
            return false;
        }
        return strict ? normalize(one).equals(normalize(other)) : of(one).equals(of(other));
    }

    /** Lower case without a trailing dot, the form every comparison here uses. */
    public static String normalize(String domain) {
        String name = LowerCase.of(domain.strip());
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
