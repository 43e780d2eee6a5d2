package org.filtermx.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.Housekeeping;
import org.filtermx.domain.model.message.MessageLogRepository;
import org.filtermx.domain.model.message.MessageStatus;
import org.filtermx.domain.model.quarantine.QuarantineRepository;
import org.filtermx.domain.model.quarantine.QuarantineSummary;
import org.filtermx.infrastructure.config.GatewaySettings;

/** Quarantine expiry and log purge; every call is one batch in one transaction. */
@Stateless
public class DefaultHousekeeping implements Housekeeping {

    @Inject private QuarantineRepository quarantine;
    @Inject private MessageLogRepository log;
    @Inject private GatewaySettings settings;
    @Inject private LoginThrottle throttle;

    @Override
    public int expireQuarantine() {
        List<QuarantineSummary> batch = quarantine.lockExpired(Instant.now(), BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        // A message released to everyone keeps its log status (delivered, bounced...).
        log.recordAll(batch.stream().filter(q -> q.releasedAt() == null).map(QuarantineSummary::logId).toList(),
                MessageStatus.EXPIRED, "removed from the quarantine: its retention ended");
        quarantine.removeAll(batch.stream().map(QuarantineSummary::id).toList());
        return batch.size();
    }

    @Override
    public int purgeLog() {
        return log.purge(Instant.now().minus(settings.logRetention()), BATCH);
    }

    @Override
    public int forgetLoginAttempts() {
        return throttle.purge();
    }
}
