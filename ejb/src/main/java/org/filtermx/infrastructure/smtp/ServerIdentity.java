package org.filtermx.infrastructure.smtp;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Whether a server certificate names the host the client set out to reach, by the DNS-ID rules of
 * RFC 6125 section 6.4: only subjectAltName dNSName entries count (the subject's CN is not looked
 * at, section 6.4.4, as RFC 8461 section 4.1 and RFC 7672 section 3.2.3 ask for SMTP), compared
 * case-insensitively as A-labels, and a wildcard only as the whole leftmost label matching exactly
 * one label ({@code *.example.com} names {@code mx.example.com}, not {@code example.com} nor {@code
 * a.b.example.com}; section 6.4.3). A host given as an IP address literal matches an iPAddress
 * entry of the same address instead (RFC 5280 section 4.2.1.6).
 */
public final class ServerIdentity {

    /** subjectAltName GeneralName tags (RFC 5280 section 4.2.1.6). */
    private static final int DNS_NAME = 2;

    private static final int IP_ADDRESS = 7;

    private ServerIdentity() {}

    /** Whether {@code certificate} names {@code host}. */
    public static boolean names(X509Certificate certificate, String host) {
        List<String> dnsNames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    if (entry.size() < 2 || !(entry.get(0) instanceof Integer tag)) {
                        continue;
                    }
                    if (tag == DNS_NAME && entry.get(1) instanceof String name) {
                        dnsNames.add(name);
                    } else if (tag == IP_ADDRESS && entry.get(1) instanceof String address) {
                        addresses.add(address);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (isAddressLiteral(host)) {
            String wanted = literal(host);
            return addresses.stream().anyMatch(a -> sameAddress(a, wanted));
        }
        String reference = normalize(host);
        if (reference == null) {
            return false;
        }
        return dnsNames.stream().anyMatch(pattern -> dnsIdMatches(pattern, reference));
    }

    /**
     * Whether the presented identifier {@code pattern} (a dNSName, possibly {@code *.} and a
     * domain) matches the reference identifier {@code host} (RFC 6125 sections 6.4.1 to 6.4.3).
     */
    public static boolean dnsIdMatches(String pattern, String host) {
        String reference = normalize(host);
        if (reference == null || pattern == null) {
            return false;
        }
        String presented = LowerCase.of(pattern);
        if (presented.endsWith(".")) {
            presented = presented.substring(0, presented.length() - 1);
        }
        if (presented.startsWith("*.")) {
            String parent = normalize(presented.substring(2));
            // A wildcard over a single label (*.com) would name too much.
            if (parent == null || parent.indexOf('.') < 0) {
                return false;
            }
            int dot = reference.indexOf('.');
            return dot > 0 && reference.substring(dot + 1).equals(parent);
        }
        if (presented.indexOf('*') >= 0) {
            // Partial-label wildcards (f*.example.com) are not accepted (section 7.2).
            return false;
        }
        String normalized = normalize(presented);
        return normalized != null && normalized.equals(reference);
    }

    /** Lower-case A-label form without a trailing dot, or null when it is not a host name. */
    private static String normalize(String name) {
        if (name == null || name.isEmpty() || name.length() > 254) {
            return null;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            n = LowerCase.of(IDN.toASCII(n, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (n.isEmpty() || n.startsWith(".") || n.contains("..") || n.indexOf('*') >= 0) {
            return null;
        }
        return n;
    }

    private static boolean isAddressLiteral(String host) {
        String h = literal(host);
        if (h.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    private static String literal(String host) {
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Literals only: InetAddress does not resolve a string that is an address.
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
