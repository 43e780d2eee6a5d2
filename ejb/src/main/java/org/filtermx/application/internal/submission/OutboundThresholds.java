package org.filtermx.application.internal.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.filtermx.application.port.OutboundSettings;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * The outbound thresholds of a hosted domain: its own where it set them ({@code PUT
 * /domains/{name}/settings}), else the cluster's defaults.
 */
@ApplicationScoped
public class OutboundThresholds {

    /**
     * At or above {@code spam} outgoing mail is blocked; at or above {@code lock} it also locks its
     * sender (never below {@code spam}: a sender is not locked for mail that went out).
     */
    public record Thresholds(double spam, double lock) {
        public Thresholds {
            lock = Math.max(spam, lock);
        }
    }

    @Inject private DomainRepository domains;
    @Inject private OutboundSettings settings;

    OutboundThresholds() {}

    OutboundThresholds(DomainRepository domains, OutboundSettings settings) {
        this.domains = domains;
        this.settings = settings;
    }

    /** The thresholds for mail of outgoing users of {@code domain}. */
    public Thresholds of(String domain) {
        return domains.findByName(domain)
                .map(this::of)
                .orElseGet(
                        () -> new Thresholds(settings.spamThreshold(), settings.lockThreshold()));
    }

    Thresholds of(Domain d) {
        return new Thresholds(
                d.outboundSpamThreshold().orElse(settings.spamThreshold()),
                d.outboundLockThreshold().orElse(settings.lockThreshold()));
    }
}
