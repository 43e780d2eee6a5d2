package org.filtermx.infrastructure.filter.auth.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.dns.Deadline;
import org.filtermx.infrastructure.dns.DnsAnswer;
import org.filtermx.infrastructure.dns.DnsLookup;
import org.filtermx.infrastructure.filter.auth.AuthorDomain;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;
import org.filtermx.infrastructure.filter.auth.dkim.DkimOutcome;
import org.filtermx.infrastructure.filter.auth.spf.SpfOutcome;
import org.filtermx.infrastructure.filter.auth.spf.SpfResult;

/**
 * Applies DMARC (RFC 7489 section 6.6) to results already computed: finds the From domain's policy,
 * then passes the message if an SPF or DKIM pass is aligned with it. Thread-safe.
 */
public final class DmarcEvaluator {

    private final DnsLookup dns;
    private final IntSupplier percentile;

    public DmarcEvaluator(DnsLookup dns) {
        this(dns, () -> ThreadLocalRandom.current().nextInt(100));
    }

    /**
     * @param percentile draws 0 to 99 for the pct= sample
     */
    public DmarcEvaluator(DnsLookup dns, IntSupplier percentile) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.percentile = Objects.requireNonNull(percentile, "percentile");
    }

    /**
     * @param dkim the verified signatures; weak ones (partial l=) do not count, rsa-sha1 ones never
     *     pass
     */
    public DmarcOutcome evaluate(
            AuthorDomain author, SpfOutcome spf, List<DkimOutcome> dkim, Deadline deadline) {
        if (!author.valid()) {
            return new DmarcOutcome(
                    DmarcOutcome.Result.FROM_INVALID, "", Disposition.NONE, author.problem());
        }
        String from = author.domain();
        String organization = OrganizationalDomain.of(from);
        PolicyLookup found = lookup(from, deadline);
        boolean inherited = false;
        if (found.record().isEmpty() && !found.temporary() && !organization.equals(from)) {
            // Section 6.6.3 step 3: fall back to the organizational domain's record.
            found = lookup(organization, deadline);
            inherited = true;
        }
        if (found.temporary()) {
            return new DmarcOutcome(
                    DmarcOutcome.Result.TEMPERROR, from, Disposition.NONE, found.detail());
        }
        if (found.record().isEmpty()) {
            return new DmarcOutcome(
                    DmarcOutcome.Result.NONE, from, Disposition.NONE, found.detail());
        }
        DmarcRecord record = found.record().get();
        Optional<String> aligned = alignedPass(record, from, spf, dkim);
        if (aligned.isPresent()) {
            return new DmarcOutcome(
                    DmarcOutcome.Result.PASS, from, Disposition.NONE, aligned.get());
        }
        Disposition requested = inherited ? record.subdomainPolicy() : record.policy();
        String detail = (inherited ? "sp=" : "p=") + LowerCase.of(requested.name());
        Disposition applied = requested;
        // Section 6.6.4: outside the pct= sample the next milder policy applies.
        if (record.percent() < 100 && percentile.getAsInt() >= record.percent()) {
            applied = requested.milder();
            detail += ", pct=" + record.percent() + " sampled out";
        }
        return new DmarcOutcome(DmarcOutcome.Result.FAIL, from, applied, detail);
    }

    /** Section 3.1: an SPF pass for an aligned MAIL FROM, or a DKIM pass for an aligned d=. */
    private static Optional<String> alignedPass(
            DmarcRecord record, String from, SpfOutcome spf, List<DkimOutcome> dkim) {
        Optional<String> signer =
                dkim.stream()
                        .filter(DkimOutcome::strongPass)
                        .filter(
                                o ->
                                        OrganizationalDomain.aligned(
                                                o.domain(), from, record.strictDkim()))
                        .map(o -> "dkim d=" + o.domain())
                        .findFirst();
        if (signer.isPresent()) {
            return signer;
        }
        if (spf.result() == SpfResult.PASS
                && OrganizationalDomain.aligned(spf.domain(), from, record.strictSpf())) {
            return Optional.of("spf " + spf.domain());
        }
        return Optional.empty();
    }

    private PolicyLookup lookup(String domain, Deadline deadline) {
        DnsAnswer<String> answer = dns.txt("_dmarc." + domain, deadline);
        if (answer.temporary()) {
            return new PolicyLookup(Optional.empty(), true, answer.detail());
        }
        List<String> records = answer.values().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.size() != 1) {
            // Section 6.6.3 step 4: several records mean no policy at all.
            String why = records.isEmpty() ? "no DMARC record" : records.size() + " DMARC records";
            return new PolicyLookup(Optional.empty(), false, why + " for " + domain);
        }
        Optional<DmarcRecord> record = DmarcRecord.parse(records.get(0));
        return new PolicyLookup(
                record, false, record.isEmpty() ? "unusable DMARC record for " + domain : "");
    }

    /** The result of looking for one domain's record. */
    private record PolicyLookup(Optional<DmarcRecord> record, boolean temporary, String detail) {}
}
