package org.filtermx.application.internal.operations;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.Housekeeping;
import org.filtermx.application.internal.accounts.LoginThrottle;
import org.filtermx.application.internal.accounts.WelcomeDispatch;
import org.filtermx.application.port.BreakerSettings;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.OutgoingBaselines;
import org.filtermx.application.port.RecipientEvidenceStore;
import org.filtermx.application.port.TrainingQueueStore;
import org.filtermx.domain.model.account.LoginLinkRepository;
import org.filtermx.domain.model.message.AbuseReportCounts;
import org.filtermx.domain.model.message.MessageBodyRepository;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.mtasts.MtaStsPolicyRepository;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantineSummary;
import org.filtermx.domain.model.report.ReportRepository;
import org.filtermx.domain.model.verification.GreylistRepository;
import org.filtermx.domain.model.verification.RecipientVerificationRepository;

/**
 * Quarantine expiry, log purge and unused shared bodies; every call is one batch in one
 * transaction.
 */
@Stateless
public class DefaultHousekeeping implements Housekeeping {

    /**
     * How old an unreferenced body must be before it is removed: far longer than any intake
     * transaction, which writes a body and its parts together.
     */
    static final Duration BODY_GRACE = Duration.ofHours(1);

    /**
     * Sent records are kept at least this long whatever the log retention: a weekly run still finds
     * last week's record when it runs again.
     */
    static final Duration SENT_RECORD_MINIMUM = Duration.ofDays(8);

    @Inject private OutgoingBaselines baselines;
    @Inject private BreakerSettings breakerSettings;
    @Inject private QuarantineRepository quarantine;
    @Inject private MessageLogRepository log;
    @Inject private InstallationSettings settings;
    @Inject private LoginThrottle throttle;
    @Inject private OutgoingUsageRepository outgoingUsage;
    @Inject private AbuseReportCounts reportCounts;
    @Inject private MessageBodyRepository bodies;
    @Inject private WelcomeDispatch welcomes;
    @Inject private LoginLinkRepository loginLinks;
    @Inject private ReportRepository reports;
    @Inject private RecipientVerificationRepository callouts;
    @Inject private GreylistRepository greylist;
    @Inject private MtaStsPolicyRepository mtaStsPolicies;
    @Inject private RecipientEvidenceStore evidence;
    @Inject private TrainingQueueStore trainingQueue;

    @Override
    public int expireQuarantine() {
        List<QuarantineSummary> batch = quarantine.lockExpired(Instant.now(), BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        // A message released to everyone keeps its log status (delivered, bounced...).
        log.recordAll(
                batch.stream()
                        .filter(q -> q.releasedAt() == null)
                        .map(QuarantineSummary::logId)
                        .toList(),
                MessageStatus.EXPIRED,
                "removed from the quarantine: its retention ended");
        quarantine.removeAll(batch.stream().map(QuarantineSummary::id).toList());
        return batch.size();
    }

    @Override
    public int purgeSentReports() {
        Duration keep = settings.logRetention();
        if (keep.compareTo(SENT_RECORD_MINIMUM) < 0) {
            keep = SENT_RECORD_MINIMUM;
        }
        return reports.purgeSent(Instant.now().minus(keep), BATCH);
    }

    @Override
    public int purgeLog() {
        return log.purge(Instant.now().minus(settings.logRetention()), BATCH);
    }

    @Override
    public int forgetOutgoingUsage() {
        Instant now = Instant.now();
        // Two hours: a count is read for one hour after its minute; the slack covers clock skew.
        return outgoingUsage.purgeUsage(now.minus(Duration.ofHours(2)))
                + outgoingUsage.clearSessions(null, now.minus(Duration.ofHours(1)))
                // ARF report counts of past hours (ADR 0028): senders that stopped sending.
                + reportCounts.purge(now.minus(Duration.ofHours(2)))
                // The breaker's hourly counts past twice its horizon (ADR 0045).
                + baselines.purgeHours(
                        Math.floorDiv(now.getEpochSecond(), 3600)
                                - 2L * breakerSettings.horizonHours());
    }

    @Override
    public int forgetLoginAttempts() {
        return throttle.purge();
    }

    @Override
    public int purgeBodies() {
        return bodies.removeOrphans(Instant.now().minus(BODY_GRACE), BATCH);
    }

    /** Not in a transaction: every welcome is sent in one of its own. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sendPendingWelcomes() {
        return welcomes.sendPending();
    }

    @Override
    public int purgeLoginLinks() {
        return loginLinks.purge(Instant.now(), BATCH);
    }

    @Override
    public int purgeRecipientChecks() {
        Instant now = Instant.now();
        return callouts.purge(now, BATCH)
                + greylist.purge(now, BATCH)
                + mtaStsPolicies.purge(now, BATCH);
    }

    @Override
    public int purgeDiscoveryEvidence() {
        return evidence.purge(Instant.now().minus(settings.discoveryRetention()), BATCH);
    }

    @Override
    public int purgeTrainingFailures() {
        return trainingQueue.purgeFailed(Instant.now().minus(TRAINING_FAILURE_RETENTION), BATCH);
    }
}
