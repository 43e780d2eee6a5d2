package org.filtermx.infrastructure.filter.auth.spf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.filter.auth.IpLiteral;

/**
 * A parsed SPF record: its mechanisms in order and the redirect modifier. Any syntax error makes
 * the whole record a permerror (RFC 7208 section 4.6), so parsing is strict.
 *
 * @param redirect the redirect domain-spec, {@code null} without one
 */
record SpfRecord(List<SpfMechanism> mechanisms, String redirect) {

    private static final Pattern MECHANISM =
            Pattern.compile(
                    "([+?~-]?)(all|include|a|mx|ptr|ip4|ip6|exists)([:/].*)?",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern DUAL_CIDR =
            Pattern.compile("(?::(.+?))?(?:/(0|[1-9]\\d?))?(?://(0|[1-9]\\d{0,2}))?");
    private static final Pattern NETWORK = Pattern.compile(":([^/]+)(?:/(0|[1-9]\\d{0,2}))?");
    private static final Pattern TOPLABEL =
            Pattern.compile(
                    "([a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])",
                    Pattern.CASE_INSENSITIVE);

    /** Whether a TXT record is an SPF record: "v=spf1" alone or before a space (section 4.5). */
    static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6)
                && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    static SpfRecord parse(String txt) throws SpfException {
        List<SpfMechanism> mechanisms = new ArrayList<>();
        String redirect = null;
        boolean explanation = false;
        for (String term : txt.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher mechanism = MECHANISM.matcher(term);
            Matcher modifier = MODIFIER.matcher(term);
            if (mechanism.matches()) {
                mechanisms.add(mechanism(mechanism, term));
            } else if (modifier.matches()) {
                String name = LowerCase.of(modifier.group(1));
                String value = modifier.group(2);
                SpfMacro.validate(value);
                // Section 6: redirect and exp may each appear once; unknown modifiers are ignored.
                if (name.equals("redirect")) {
                    if (redirect != null) {
                        throw SpfException.permanent("two redirect modifiers");
                    }
                    redirect = domainSpec(value);
                } else if (name.equals("exp")) {
                    if (explanation) {
                        throw SpfException.permanent("two exp modifiers");
                    }
                    explanation = true;
                    domainSpec(value);
                }
            } else {
                throw SpfException.permanent("unknown term " + term);
            }
        }
        return new SpfRecord(List.copyOf(mechanisms), redirect);
    }

    private static SpfMechanism mechanism(Matcher m, String term) throws SpfException {
        SpfResult qualifier = qualifier(m.group(1));
        String name = LowerCase.of(m.group(2));
        String rest = m.group(3) == null ? "" : m.group(3);
        switch (name) {
            case "all":
                requireEmpty(rest, term);
                return new SpfMechanism(qualifier, name, null, null, 32, 128, term);
            case "include":
            case "exists":
                if (!rest.startsWith(":")) {
                    throw SpfException.permanent(term + " needs a domain");
                }
                return new SpfMechanism(
                        qualifier, name, domainSpec(rest.substring(1)), null, 32, 128, term);
            case "ptr":
                String target = rest.isEmpty() ? null : colonDomain(rest, term);
                return new SpfMechanism(qualifier, name, target, null, 32, 128, term);
            case "a":
            case "mx":
                return dualCidr(qualifier, name, rest, term);
            default:
                return new SpfMechanism(
                        qualifier, name, null, network(name, rest, term), 0, 0, term);
        }
    }

    private static SpfMechanism dualCidr(SpfResult qualifier, String name, String rest, String term)
            throws SpfException {
        Matcher m = DUAL_CIDR.matcher(rest);
        if (!m.matches()) {
            throw SpfException.permanent("bad " + term);
        }
        String domain = m.group(1) == null ? null : domainSpec(m.group(1));
        int ip4 = m.group(2) == null ? 32 : Integer.parseInt(m.group(2));
        int ip6 = m.group(3) == null ? 128 : Integer.parseInt(m.group(3));
        if (ip4 > 32 || ip6 > 128) {
            throw SpfException.permanent("bad CIDR length in " + term);
        }
        return new SpfMechanism(qualifier, name, domain, null, ip4, ip6, term);
    }

    private static Cidr network(String name, String rest, String term) throws SpfException {
        Matcher m = NETWORK.matcher(rest);
        if (!m.matches()) {
            throw SpfException.permanent("bad " + term);
        }
        String address = m.group(1);
        boolean v4 = name.equals("ip4");
        if (v4 ? !IpLiteral.isIpv4(address) : !address.contains(":")) {
            throw SpfException.permanent("bad address in " + term);
        }
        int prefix = m.group(2) == null ? (v4 ? 32 : 128) : Integer.parseInt(m.group(2));
        if (prefix > (v4 ? 32 : 128)) {
            throw SpfException.permanent("bad CIDR length in " + term);
        }
        try {
            InetAddress network = InetAddress.getByName(address);
            if (network.getAddress().length != (v4 ? 4 : 16)) {
                throw SpfException.permanent("bad address in " + term);
            }
            return new Cidr(network, prefix);
        } catch (UnknownHostException e) {
            throw SpfException.permanent("bad address in " + term);
        }
    }

    private static String colonDomain(String rest, String term) throws SpfException {
        if (!rest.startsWith(":")) {
            throw SpfException.permanent("bad " + term);
        }
        return domainSpec(rest.substring(1));
    }

    /** Checks a domain-spec: valid macros and a domain-end (RFC 7208 section 7.1). */
    private static String domainSpec(String spec) throws SpfException {
        SpfMacro.validate(spec);
        if (spec.isEmpty()) {
            throw SpfException.permanent("empty domain-spec");
        }
        if (spec.endsWith("}")
                || spec.endsWith("%%")
                || spec.endsWith("%_")
                || spec.endsWith("%-")) {
            return spec;
        }
        String name = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = name.lastIndexOf('.');
        // A label has at most 63 octets (RFC 1035 section 2.3.4); the cap also bounds TOPLABEL,
        // whose adjacent [a-z0-9]* runs backtrack quadratically on long input.
        String top = name.substring(dot + 1);
        if (dot < 0 || top.length() > 63 || !TOPLABEL.matcher(top).matches()) {
            throw SpfException.permanent("domain-spec " + spec + " has no valid top label");
        }
        return spec;
    }

    private static void requireEmpty(String rest, String term) throws SpfException {
        if (!rest.isEmpty()) {
            throw SpfException.permanent("bad " + term);
        }
    }

    private static SpfResult qualifier(String symbol) {
        switch (symbol) {
            case "-":
                return SpfResult.FAIL;
            case "~":
                return SpfResult.SOFTFAIL;
            case "?":
                return SpfResult.NEUTRAL;
            default:
                return SpfResult.PASS;
        }
    }
}
