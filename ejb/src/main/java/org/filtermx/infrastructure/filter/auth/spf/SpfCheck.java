package org.filtermx.infrastructure.filter.auth.spf;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.IpLiteral;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;

/**
 * Evaluates SPF for one SMTP transaction: check_host() with the client address and the MAIL FROM
 * domain, or the HELO domain for the null sender (RFC 7208 section 2.4), within a time budget whose
 * exhaustion gives temperror. Thread-safe.
 */
public final class SpfCheck {

    private static final String LABEL = "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?";
    private static final Pattern DOMAIN = Pattern.compile("(?i)" + LABEL + "(\\." + LABEL + ")+");

    private final DnsLookup dns;
    private final Duration budget;

    public SpfCheck(DnsLookup dns, Duration budget) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * The SPF result for mail from {@code clientIp}.
     *
     * @param reversePath the MAIL FROM address, empty for the null sender
     */
    public SpfOutcome check(String clientIp, String helo, String reversePath) {
        String heloName = helo == null ? "" : helo.strip();
        boolean nullSender = reversePath == null || reversePath.isBlank();
        String sender = nullSender ? "postmaster@" + heloName : reversePath.strip();
        int at = sender.lastIndexOf('@');
        // Section 4.3: a sender without local-part is "postmaster" at its domain.
        String domain = OrganizationalDomain.normalize(at < 0 ? sender : sender.substring(at + 1));
        if (at <= 0) {
            sender = "postmaster@" + domain;
        }
        Optional<InetAddress> ip = IpLiteral.parse(clientIp);
        if (ip.isEmpty()) {
            return new SpfOutcome(SpfResult.NONE, domain, nullSender, "no client address");
        }
        if (!validDomain(domain)) {
            return new SpfOutcome(SpfResult.NONE, domain, nullSender, "not a domain name");
        }
        SpfMacro macro = new SpfMacro(sender, domain, ip.get(), heloName);
        SpfEvaluation evaluation = new SpfEvaluation(dns, Deadline.after(budget), ip.get());
        try {
            SpfOutcome outcome = evaluation.checkHost(macro);
            return new SpfOutcome(outcome.result(), domain, nullSender, outcome.detail());
        } catch (SpfException e) {
            return new SpfOutcome(e.result(), domain, nullSender, e.getMessage());
        }
    }

    /** Section 4.3: a fully qualified name of valid labels, not an address literal. */
    static boolean validDomain(String domain) {
        return domain.length() <= 253
                && DOMAIN.matcher(domain).matches()
                && !IpLiteral.isIpv4(domain);
    }
}
