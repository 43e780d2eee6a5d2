package org.filtermx.application.internal.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.domain.model.account.ActivationRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Auto-enable on held spam (ADR 0025): in the intake transaction that holds a spam message, each
 * recipient of an auto-enable domain that is not an email user yet becomes one, with daily HTML
 * reports from 24 hours later and its welcome mail due. Nothing is rendered here: the welcome mails
 * go out after the commit, off the SMTP path ({@link WelcomeDispatch}).
 */
@ApplicationScoped
public class AutoEnable {

    /**
     * Most recipients one message makes users of; the rest become users with their next held spam.
     * A message to 1,000 recipients so costs the intake a bounded number of inserts.
     */
    static final int MAX_PER_MESSAGE = 50;

    /** How long after activation the first report is due (issue 14). */
    static final Duration FIRST_REPORT_AFTER = Duration.ofHours(24);

    private final HostedDomainDirectory directory;
    private final ActivationRepository activations;
    private final AfterCommit afterCommit;
    private final WelcomeDispatch welcomes;

    @Inject
    public AutoEnable(
            HostedDomainDirectory directory,
            ActivationRepository activations,
            AfterCommit afterCommit,
            WelcomeDispatch welcomes) {
        this.directory = directory;
        this.activations = activations;
        this.afterCommit = afterCommit;
        this.welcomes = welcomes;
    }

    /** For CDI's proxy. */
    protected AutoEnable() {
        this(null, null, null, null);
    }

    /**
     * Spam for {@code recipients} of hosted domain {@code domain} is being held in the current
     * transaction: activates those not yet email users and sends their welcome after the commit.
     * Recipients under an alias name are left alone (a user's address is under the main name).
     */
    public void heldSpam(String domain, Collection<String> recipients, Instant now) {
        HostedDomain hosted = directory.lookup(domain).orElse(null);
        if (hosted == null || !hosted.autoEnableUsers()) {
            return;
        }
        String suffix = "@" + hosted.name();
        List<String> candidates =
                recipients.stream()
                        .map(r -> LowerCase.of(r))
                        .filter(r -> r.endsWith(suffix) && EmailAddresses.valid(r))
                        .distinct()
                        .sorted()
                        .limit(MAX_PER_MESSAGE)
                        .toList();
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> existing = activations.existing(candidates);
        List<String> fresh = candidates.stream().filter(a -> !existing.contains(a)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        // The cache said yes; the database has the last word (the setting may just have changed).
        OptionalLong domainId = activations.autoEnableDomain(hosted.name());
        if (domainId.isEmpty()) {
            return;
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        activations.activate(domainId.getAsLong(), fresh, at, at.plus(FIRST_REPORT_AFTER));
        afterCommit.whenCommitted(() -> welcomes.sendSoon(fresh));
    }
}
