package org.filtermx.infrastructure.filter.auth.dmarc;

import java.util.Optional;
import java.util.regex.Pattern;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.filter.auth.TagList;

/**
 * A published DMARC policy record (RFC 7489 section 6.3), reduced to what a receiver acts on; the
 * reporting tags are not used by this gateway.
 *
 * @param percent the pct= share of failing mail the policy applies to, 0 to 100
 */
record DmarcRecord(
        Disposition policy,
        Disposition subdomainPolicy,
        boolean strictDkim,
        boolean strictSpf,
        int percent) {

    private static final Pattern VERSION = Pattern.compile("v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?");

    /** Section 6.6.3 step 3: records that do not start with v=DMARC1 are not DMARC records. */
    static boolean isDmarc(String txt) {
        return VERSION.matcher(txt.strip()).matches();
    }

    /**
     * The policy in {@code txt}; empty when it cannot be applied (section 6.6.3 step 6: a bad p= or
     * sp= counts as p=none only if rua= names somewhere to report to).
     */
    static Optional<DmarcRecord> parse(String txt) {
        TagList tags;
        try {
            tags = TagList.parse(txt);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Disposition> policy = tags.get("p").flatMap(DmarcRecord::disposition);
        Optional<Disposition> subdomain =
                tags.get("sp").isPresent()
                        ? tags.get("sp").flatMap(DmarcRecord::disposition)
                        : policy;
        if (policy.isEmpty() || subdomain.isEmpty()) {
            if (tags.get("rua").filter(r -> r.contains(":")).isEmpty()) {
                return Optional.empty();
            }
            policy = Optional.of(Disposition.NONE);
            subdomain = policy;
        }
        return Optional.of(
                new DmarcRecord(
                        policy.get(),
                        subdomain.get(),
                        strict(tags, "adkim"),
                        strict(tags, "aspf"),
                        percent(tags)));
    }

    private static Optional<Disposition> disposition(String value) {
        switch (LowerCase.of(value.strip())) {
            case "none":
                return Optional.of(Disposition.NONE);
            case "quarantine":
                return Optional.of(Disposition.QUARANTINE);
            case "reject":
                return Optional.of(Disposition.REJECT);
            default:
                return Optional.empty();
        }
    }

    private static boolean strict(TagList tags, String name) {
        return tags.get(name).map(v -> v.strip().equalsIgnoreCase("s")).orElse(false);
    }

    /** pct= defaults to 100; a value that is not 0 to 100 is ignored. */
    private static int percent(TagList tags) {
        String value = tags.get("pct").orElse("100").strip();
        if (!value.matches("\\d{1,3}") || Integer.parseInt(value) > 100) {
            return 100;
        }
        return Integer.parseInt(value);
    }
}
