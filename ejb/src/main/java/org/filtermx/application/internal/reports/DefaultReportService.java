package org.filtermx.application.internal.reports;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.ReportFormat;
import org.filtermx.application.ReportService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.ReportRenderer;
import org.filtermx.application.port.ReportRenderer.RenderedReport;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.EmailUser;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.report.DomainReportSettings;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository;
import org.filtermx.domain.model.report.ReportRepository.DueDomain;
import org.filtermx.domain.model.report.ReportRepository.DueUser;
import org.filtermx.domain.model.report.ReportRepository.SubjectKind;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Protection reports on request and on schedule. Requests are checked against the caller's tenancy
 * here, in the EJB layer: administrators, the domain's reseller chain and the domain login for any
 * of the domain's reports, an email user for its own report only. A scheduled run streams through
 * the users and domains due in pages, each report in a transaction of its own ({@link
 * ReportSender}), so a run of any size holds neither a long transaction nor everyone in memory.
 */
@Stateless
public class DefaultReportService implements ReportService {

    private static final Logger LOG = Logger.getLogger(DefaultReportService.class.getName());

    /** Users or domains read per page of a run. */
    static final int PAGE = 500;

    @Inject private Tenancy tenancy;
    @Inject private EmailUserRepository users;
    @Inject private DomainRepository domains;
    @Inject private ReportRepository reports;
    @Inject private FilterConfiguration filters;
    @Inject private ReportContents contents;
    @Inject private ReportRenderer renderer;
    @Inject private ReportSender sender;

    public DefaultReportService() {}

    /** For tests of the scheduled run, which needs the sender only. */
    DefaultReportService(ReportSender sender) {
        this.sender = sender;
    }

    @Override
    public SentReport sendUserReport(Caller caller, String address) {
        ReportTarget target = userTarget(caller, address, null);
        Instant now = Instant.now();
        return sender.send(target, onDemand(target, now), now);
    }

    @Override
    public SentReport sendDomainReport(Caller caller, String name) {
        ReportTarget target = domainTarget(caller, name, null, true);
        Instant now = Instant.now();
        return sender.send(target, onDemand(target, now), now);
    }

    @Override
    public RenderedReport previewUserReport(Caller caller, String address, ReportFormat format) {
        return preview(userTarget(caller, address, format));
    }

    @Override
    public RenderedReport previewDomainReport(Caller caller, String name, ReportFormat format) {
        return preview(domainTarget(caller, name, format, false));
    }

    /**
     * Not in a transaction: each page is read and each report sent in a transaction of its own. A
     * report that fails is counted and logged, and the run goes on with the next.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RunResult sendDue(Instant now) {
        Tally tally = new Tally();
        List<String> frequencies = new ArrayList<>(List.of("daily"));
        if (LocalDate.ofInstant(now, ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY) {
            frequencies.add("weekly");
        }
        for (String frequency : frequencies) {
            ReportPeriod period = ReportPeriod.of(frequency, now);
            sendUsers(frequency, period, now, tally);
            sendDomains(frequency, period, now, tally);
        }
        LOG.info(
                "report run at "
                        + now
                        + ": "
                        + tally.sent
                        + " sent, "
                        + tally.skipped
                        + " sent before, "
                        + tally.failed
                        + " failed");
        return new RunResult(tally.sent, tally.skipped, tally.failed);
    }

    private void sendUsers(String frequency, ReportPeriod period, Instant now, Tally tally) {
        long after = 0;
        List<DueUser> page;
        do {
            page = sender.usersDue(frequency, after, PAGE, now);
            for (DueUser u : page) {
                after = u.id();
                ReportTarget target =
                        ReportTarget.user(u.address(), u.domain(), ReportFormat.of(u.format()));
                tally.count(u.address(), () -> sender.send(target, period, now));
            }
        } while (page.size() == PAGE);
    }

    private void sendDomains(String frequency, ReportPeriod period, Instant now, Tally tally) {
        long after = 0;
        List<DueDomain> page;
        do {
            page = sender.domainsDue(frequency, after, PAGE);
            for (DueDomain d : page) {
                after = d.id();
                if (d.recipient() == null || d.recipient().isBlank()) {
                    LOG.warning(
                            "no "
                                    + frequency
                                    + " report for domain "
                                    + d.name()
                                    + ": it has neither a report address nor an admin contact");
                    continue;
                }
                ReportTarget target =
                        ReportTarget.domain(d.name(), d.recipient(), ReportFormat.of(d.format()));
                tally.count(d.name(), () -> sender.send(target, period, now));
            }
        } while (page.size() == PAGE);
    }

    /** What a run did so far. */
    private static final class Tally {
        int sent;
        int skipped;
        int failed;

        void count(String subject, Supplier<SentReport> send) {
            try {
                if (send.get().sent()) {
                    sent++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warning("the report of " + subject + " failed and was not sent: " + e);
            }
        }
    }

    private RenderedReport preview(ReportTarget target) {
        Instant now = Instant.now();
        return renderer.render(contents.build(target, onDemand(target, now), now));
    }

    /** Since the subject's last report, but not further back than its quarantine keeps mail. */
    private ReportPeriod onDemand(ReportTarget target, Instant now) {
        SubjectKind kind =
                target.kind() == org.filtermx.application.ReportContent.Kind.USER
                        ? SubjectKind.USER
                        : SubjectKind.DOMAIN;
        Duration retention =
                Duration.ofDays(filters.policyFor(target.domain()).quarantineRetentionDays());
        return ReportPeriod.since(
                reports.lastPeriodEnd(kind, target.subject()).orElse(null), retention, now);
    }

    /**
     * The user's report, if the caller manages its domain or is the user; anyone else is told there
     * is no such user, as the email user service does.
     */
    private ReportTarget userTarget(Caller caller, String address, ReportFormat format) {
        String a = address == null ? "" : LowerCase.of(address.strip());
        Tenancy.requireCaller(caller);
        String domainName = a.substring(a.lastIndexOf('@') + 1);
        boolean self =
                caller.role() == AccountRole.EMAIL_USER && caller.username().equalsIgnoreCase(a);
        if (!self) {
            try {
                tenancy.requireManager(caller, domainName);
            } catch (NotFound e) {
                throw new NotFound("no email user " + a);
            }
        }
        EmailUser user =
                users.findByAddress(a).orElseThrow(() -> new NotFound("no email user " + a));
        Domain domain =
                domains.findById(user.domainId())
                        .orElseThrow(() -> new NotFound("no email user " + a));
        requireActive(domain);
        return ReportTarget.user(
                user.address(),
                domain.name(),
                format != null ? format : ReportFormat.of(user.reportFormat()));
    }

    /**
     * The domain's report, for those who manage the domain; a preview needs no address to send it
     * to.
     */
    private ReportTarget domainTarget(
            Caller caller, String name, ReportFormat format, boolean toSend) {
        String n = name == null ? "" : LowerCase.of(name.strip());
        tenancy.requireManager(caller, n);
        Domain domain =
                domains.findByName(n).orElseThrow(() -> new NotFound("no hosted domain " + n));
        requireActive(domain);
        DomainReportSettings settings = reports.settingsOf(domain.id());
        String recipient = settings.address() != null ? settings.address() : domain.adminContact();
        if ((recipient == null || recipient.isBlank()) && !toSend) {
            recipient = "";
        } else if (recipient == null || recipient.isBlank()) {
            throw new InvalidRequest(
                    "domain "
                            + n
                            + " has no report address and no admin contact to send its report to"
                            + " (PUT /domains/"
                            + n
                            + "/settings)");
        }
        return ReportTarget.domain(
                domain.name(),
                recipient,
                format != null ? format : ReportFormat.of(settings.format()));
    }

    private void requireActive(Domain domain) {
        if (domains.findClaim(domain.name()).isPresent()) {
            throw new Conflict(
                    "domain "
                            + domain.name()
                            + " is pending: it gets reports once its control is proven");
        }
    }
}
