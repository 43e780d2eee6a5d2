package org.filtermx.infrastructure.filter.auth.spf;

/**
 * One mechanism of an SPF record (RFC 7208 section 5) with its qualifier and arguments.
 *
 * @param qualifier the result when it matches: PASS, FAIL, SOFTFAIL or NEUTRAL
 * @param name lower-case mechanism name
 * @param domainSpec the target-name before macro expansion, {@code null} for the current domain
 * @param network the block of ip4 and ip6, {@code null} for the others
 * @param ip4Prefix the IPv4 CIDR length of a and mx
 * @param ip6Prefix the IPv6 CIDR length of a and mx
 * @param term the term as written, for the reason detail
 */
record SpfMechanism(
        SpfResult qualifier,
        String name,
        String domainSpec,
        Cidr network,
        int ip4Prefix,
        int ip6Prefix,
        String term) {}
