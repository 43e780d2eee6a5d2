package org.filtermx.infrastructure.filter.auth.dnsbl;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * One DNS list to consult and what a listing in it scores.
 *
 * @param zone the list's zone, e.g. {@code zen.spamhaus.org}
 * @param score added when listed; negative for an allow list
 * @param returnCodes the answers that count as listed, e.g. {@code 127.0.0.2}; empty for any answer
 *     in 127.0.0.0/8 other than 127.0.0.1 and the 127.255.255.0/24 error codes
 */
public record DnsListZone(String zone, Kind kind, double score, Set<String> returnCodes) {

    /** What a zone lists and so what is looked up in it. */
    public enum Kind {
        /** Client addresses that send spam: reason {@code RBL_<ZONE>}. */
        IP_BLOCK,
        /** Client addresses of known good senders, like DNSWL: reason {@code DNSWL_<ZONE>}. */
        IP_ALLOW,
        /** Domains (RFC 5782 section 3), checked for the MAIL FROM and From domains. */
        DOMAIN_BLOCK
    }

    private static final int MAX_RULE_LENGTH = 64;

    public DnsListZone {
        zone = LowerCase.of(Objects.requireNonNull(zone, "zone").strip());
        if (zone.endsWith(".")) {
            zone = zone.substring(0, zone.length() - 1);
        }
        Objects.requireNonNull(kind, "kind");
        returnCodes = Set.copyOf(returnCodes);
    }

    /** A block list of client addresses counting any listing code. */
    public static DnsListZone ipBlock(String zone, double score) {
        return new DnsListZone(zone, Kind.IP_BLOCK, score, Set.of());
    }

    /** The rule name: {@code RBL_ZEN_SPAMHAUS_ORG}, {@code DNSWL_LIST_DNSWL_ORG}. */
    public String rule() {
        String prefix = kind == Kind.IP_ALLOW ? "DNSWL_" : "RBL_";
        String name = prefix + zone.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return name.length() > MAX_RULE_LENGTH ? name.substring(0, MAX_RULE_LENGTH) : name;
    }

    /** Whether an answer from this zone means "listed" (RFC 5782 section 2.1). */
    boolean lists(String address) {
        if (!returnCodes.isEmpty()) {
            return returnCodes.contains(address);
        }
        return address.startsWith("127.")
                && !address.equals("127.0.0.1")
                && !address.startsWith("127.255.255.");
    }
}
