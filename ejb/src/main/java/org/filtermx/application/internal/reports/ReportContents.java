package org.filtermx.application.internal.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.application.Brand;
import org.filtermx.application.BrandingService;
import org.filtermx.application.ReportContent;
import org.filtermx.application.internal.quarantine.ReleaseLinks;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository;
import org.filtermx.domain.model.report.ReportRepository.HeldMessage;
import org.filtermx.domain.model.report.ReportRepository.Listing;
import org.filtermx.domain.model.report.ReportRepository.RefusedMessage;

/**
 * Gathers what one report says from the log and the quarantine: the period's counts, the copies
 * still held (each with a fresh signed release link), the messages refused and not kept and, for a
 * domain, the senders held most. Lists are capped, so a report costs the same however much was
 * held.
 */
@ApplicationScoped
public class ReportContents {

    /** Held lines listed in one report; the rest are counted ({@code heldOmitted}). */
    static final int MAX_HELD = 200;

    /** Refused lines listed in one report (the PDF's audit table). */
    static final int MAX_REFUSED = 200;

    static final int TOP_SENDERS = 10;

    /**
     * How long a domain's brand is reused: a report run writes one report per user of a domain, and
     * asks for the domain's brand once rather than once per user. A brand edit reaches the reports
     * within this time.
     */
    static final Duration BRAND_REUSE = Duration.ofSeconds(60);

    /** Domains whose brand is remembered at most; beyond that the memory starts afresh. */
    static final int MAX_BRANDS = 1000;

    private record RecentBrand(Brand brand, long untilNanos) {}

    private final Map<String, RecentBrand> recentBrands = new ConcurrentHashMap<>();

    @Inject private ReportRepository reports;
    @Inject private ReleaseLinks links;
    @Inject private InstallationSettings settings;
    @Inject private BrandingService brands;

    ReportContents() {}

    ReportContents(ReportRepository reports, ReleaseLinks links, InstallationSettings settings) {
        this.reports = reports;
        this.links = links;
        this.settings = settings;
    }

    /** The content of {@code target}'s report for {@code period}, as of {@code now}. */
    public ReportContent build(ReportTarget target, ReportPeriod period, Instant now) {
        Instant start = period.start();
        Instant end = period.end();
        String domain = target.domain();
        boolean user = target.kind() == ReportContent.Kind.USER;
        ReportRepository.Totals t =
                user
                        ? reports.userTotals(domain, target.subject(), start, end)
                        : reports.domainTotals(domain, start, end);
        Listing<HeldMessage> held =
                user
                        ? reports.heldForUser(domain, target.subject(), start, end, now, MAX_HELD)
                        : reports.heldForDomain(domain, start, end, now, MAX_HELD);
        Listing<RefusedMessage> refused =
                user
                        ? reports.refusedForUser(domain, target.subject(), start, end, MAX_REFUSED)
                        : reports.refusedForDomain(domain, start, end, MAX_REFUSED);
        List<ReportContent.SenderCount> top =
                user
                        ? List.of()
                        : reports.topHeldSenders(domain, start, end, TOP_SENDERS).stream()
                                .map(s -> new ReportContent.SenderCount(s.sender(), s.messages()))
                                .toList();
        return new ReportContent(
                target.kind(),
                target.subject(),
                domain,
                target.recipient(),
                target.format(),
                start,
                end,
                new ReportContent.Totals(
                        t.received(), t.delivered(), t.spam(), t.viruses(), t.refused()),
                held.lines().stream().map(h -> line(h, user)).toList(),
                held.omitted(),
                refused.lines().stream()
                        .map(
                                r ->
                                        new ReportContent.RefusedLine(
                                                r.receivedAt(),
                                                text(r.sender()),
                                                text(r.subject()),
                                                text(r.reason())))
                        .toList(),
                top,
                settings.publicUrl() + "/",
                null,
                brandOf(domain));
    }

    /** The brand of {@code domain}'s reseller, with its logo, reused for {@link #BRAND_REUSE}. */
    private Brand brandOf(String domain) {
        if (brands == null) {
            return Brand.CLUSTER;
        }
        long now = System.nanoTime();
        RecentBrand recent = recentBrands.get(domain);
        if (recent != null && recent.untilNanos() - now > 0) {
            return recent.brand();
        }
        Brand brand = brands.ofDomain(domain, true);
        if (recentBrands.size() >= MAX_BRANDS) {
            recentBrands.clear();
        }
        recentBrands.put(domain, new RecentBrand(brand, now + BRAND_REUSE.toNanos()));
        return brand;
    }

    private ReportContent.HeldLine line(HeldMessage h, boolean user) {
        String why = reason(h);
        return new ReportContent.HeldLine(
                h.receivedAt(),
                text(h.sender()),
                text(h.subject()),
                // A domain report lists every recipient's copy: say whose each one is.
                user ? why : why + " (to " + h.recipient() + ")",
                h.score(),
                links.link(h.quarantineId(), h.recipient(), h.expiresAt()));
    }

    /** Why a copy was held, in words a recipient understands. */
    static String reason(HeldMessage h) {
        String reasons = h.reasons() == null ? "" : h.reasons();
        if (h.virus()) {
            return "Virus";
        }
        if (reasons.contains("SENDER_BLOCKLISTED")) {
            return "Sender on a block list";
        }
        if (reasons.contains("RECIPIENT_BLOCKLISTED")) {
            return "Recipient on a block list";
        }
        return "REJECT".equals(h.verdict()) ? "Spam (refused, copy kept)" : "Spam";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
