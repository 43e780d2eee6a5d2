package org.filtermx.infrastructure.filter.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The organizational domain of a name (RFC 7489 section 3.2), which relaxed DMARC alignment
 * compares and where the policy of a subdomain is looked up.
 *
 * <p>Simplification: instead of the full Public Suffix List this knows the common multi-label
 * public suffixes below and otherwise takes the last label as the public suffix. A domain under an
 * unlisted multi-label suffix (say {@code example.gov.xy}) is then taken as {@code gov.xy}, which
 * makes relaxed alignment too lenient between siblings there, never too strict.
 */
public final class OrganizationalDomain {

    private static final Set<String> MULTI_LABEL_SUFFIXES =
            Set.of(
                    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
                    "nhs.uk", "sch.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au",
                    "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz", "co.jp", "ne.jp", "or.jp",
                    "ac.jp", "go.jp", "co.kr", "or.kr", "co.za", "org.za", "co.in", "net.in",
                    "org.in", "co.il", "org.il", "ac.il", "co.id", "or.id", "co.th", "in.th",
                    "com.br", "net.br", "org.br", "gov.br", "com.ar", "com.mx", "org.mx", "com.cn",
                    "net.cn", "org.cn", "gov.cn", "edu.cn", "com.hk", "org.hk", "com.tw", "org.tw",
                    "com.sg", "org.sg", "com.my", "com.ph", "com.tr", "org.tr", "com.ua", "com.pl",
                    "com.es", "com.pt", "com.gr", "com.ru", "com.sa", "com.eg", "com.ng", "com.pk",
                    "com.vn", "com.co", "com.pe", "gv.at", "co.at", "or.at", "ac.at");

    private OrganizationalDomain() {}

    /** The organizational domain of {@code domain}, lower case, without a trailing dot. */
    public static String of(String domain) {
        String name = normalize(domain);
        String[] labels = name.split("\\.");
        if (labels.length <= 2) {
            return name;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = MULTI_LABEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(labels, labels.length - keep, labels.length));
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
        String name = domain.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
