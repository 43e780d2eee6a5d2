package org.filtermx.infrastructure.dane;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The name check DANE-TA(2) needs (RFC 7672 section 3.2.3): does the server certificate carry one
 * of the reference names (the next-hop domain, the MX host name)? DNS subjectAltNames when there
 * are any, else the subject's common names; a wildcard only as the whole left-most label, standing
 * for exactly one label. Names compare as A-labels, case-insensitively, without a trailing dot.
 */
final class ReferenceNames {

    /** The subjectAltName GeneralName tag of a dNSName (RFC 5280 section 4.2.1.6). */
    private static final int DNS_NAME = 2;

    private final List<String> names;

    /**
     * @param referenceNames host names as the client knows them; names IDNA cannot convert are left
     *     out
     */
    ReferenceNames(List<String> referenceNames) {
        List<String> normalized = new ArrayList<>();
        for (String name : referenceNames) {
            String n = normalize(name);
            if (n != null) {
                normalized.add(n);
            }
        }
        this.names = List.copyOf(normalized);
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** Whether {@code certificate} is issued to one of the reference names. */
    boolean matchedBy(X509Certificate certificate) {
        for (String presented : presentedNames(certificate)) {
            String p = normalize(presented);
            if (p == null) {
                continue;
            }
            for (String reference : names) {
                if (matches(p, reference)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 7672 section 3.2.3: {@code *.example.com} covers {@code mx.example.com} only. */
    static boolean matches(String presented, String reference) {
        if (presented.startsWith("*.")) {
            String parent = presented.substring(2);
            int dot = reference.indexOf('.');
            return parent.indexOf('.') > 0
                    && !parent.contains("*")
                    && dot > 0
                    && reference.substring(dot + 1).equals(parent);
        }
        return !presented.contains("*") && presented.equals(reference);
    }

    private static List<String> presentedNames(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> alt = certificate.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    if (entry.size() >= 2
                            && entry.get(0) instanceof Integer tag
                            && tag == DNS_NAME
                            && entry.get(1) instanceof String name) {
                        dns.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return dns.isEmpty() ? commonNames(certificate.getSubjectX500Principal()) : dns;
    }

    private static List<String> commonNames(X500Principal subject) {
        List<String> cns = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
                    cns.add(cn);
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return cns;
    }

    /** Lower-case A-label form without a trailing dot, or null if it is no host name. */
    private static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > 253) {
            return null;
        }
        try {
            return LowerCase.of(IDN.toASCII(n, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
