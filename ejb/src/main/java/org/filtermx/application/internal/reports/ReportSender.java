package org.filtermx.application.internal.reports;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.filtermx.application.LoginLinks;
import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportService.SentReport;
import org.filtermx.application.port.ReportRenderer;
import org.filtermx.domain.model.account.AccountRole;
import org.filtermx.domain.model.account.UserAccountRepository;
import org.filtermx.domain.model.report.ReportPeriod;
import org.filtermx.domain.model.report.ReportRepository;
import org.filtermx.domain.model.report.ReportRepository.DueDomain;
import org.filtermx.domain.model.report.ReportRepository.DueUser;
import org.filtermx.domain.model.report.ReportRepository.SubjectKind;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Sends one report in a transaction of its own: records it as sent, gathers and renders it, and
 * hands it to the spool, all or nothing (ADR 0023). The sent record goes first: its unique key
 * (subject, period) makes a second attempt at the same period, by this run or a racing one, wait
 * for the first and then stop without rendering anything, so a report is spooled at most once; a
 * failure later rolls the record back with the rest, so it is not lost either.
 */
@Stateless
public class ReportSender {

    @Inject private ReportRepository reports;
    @Inject private ReportContents contents;
    @Inject private ReportRenderer renderer;
    @Inject private SystemMail mail;
    @Inject private LoginLinks loginLinks;
    @Inject private UserAccountRepository accounts;

    public ReportSender() {}

    ReportSender(
            ReportRepository reports,
            ReportContents contents,
            ReportRenderer renderer,
            SystemMail mail) {
        this.reports = reports;
        this.contents = contents;
        this.renderer = renderer;
        this.mail = mail;
    }

    /**
     * Sends {@code target}'s report for {@code period}; {@code sent = false} when that period's
     * report had been sent already, and then nothing is spooled.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SentReport send(ReportTarget target, ReportPeriod period, Instant now) {
        boolean first =
                reports.recordSent(
                        new ReportRepository.SentRecord(
                                kind(target), target.subject(), period, target.recipient(), now));
        if (!first) {
            return new SentReport(
                    target.subject(), target.recipient(), period.start(), period.end(), false);
        }
        ReportContent content = withLoginLink(contents.build(target, period, now));
        ReportRenderer.RenderedReport rendered = renderer.render(content);
        byte[] message = mail.compose(rendered, target.recipient(), now);
        String recipient = LowerCase.of(target.recipient());
        // Routed like any mail to the recipient: a hosted domain's own route, else its MX.
        mail.spool(
                "report-" + UUID.randomUUID().toString().replace("-", ""),
                recipient.substring(recipient.lastIndexOf('@') + 1),
                recipient,
                message,
                "protection report of " + target.subject() + ", period " + period.key(),
                now);
        return new SentReport(
                target.subject(), target.recipient(), period.start(), period.end(), true);
    }

    /** One page of the users due, read in a short transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DueUser> usersDue(String frequency, long afterId, int limit, Instant now) {
        return reports.usersDue(frequency, afterId, limit, now);
    }

    /** One page of the domains due, read in a short transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DueDomain> domainsDue(String frequency, long afterId, int limit) {
        return reports.domainsDue(frequency, afterId, limit);
    }

    /**
     * A user without a password of its own gets a fresh single-use link to set one (ADR 0025),
     * issued in this transaction, so a report that rolls back leaves no usable link. Previews never
     * carry one: whoever previews must not hold a way into the user's account.
     */
    private ReportContent withLoginLink(ReportContent content) {
        if (content.kind() != ReportContent.Kind.USER
                || loginLinks == null
                || accounts.find(content.subject(), AccountRole.EMAIL_USER).isPresent()) {
            return content;
        }
        return content.withLoginLink(loginLinks.issue(content.subject()).url());
    }

    private static SubjectKind kind(ReportTarget target) {
        return target.kind() == ReportContent.Kind.USER ? SubjectKind.USER : SubjectKind.DOMAIN;
    }
}
