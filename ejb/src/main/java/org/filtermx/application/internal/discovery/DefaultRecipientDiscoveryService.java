package org.filtermx.application.internal.discovery;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.DiscoveredRecipients;
import org.filtermx.application.DomainService;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.RecipientDiscoveryService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.port.RecipientEvidenceStore;
import org.filtermx.domain.model.account.EmailUserRepository;
import org.filtermx.domain.model.domain.Domain;
import org.filtermx.domain.model.domain.DomainName;
import org.filtermx.domain.model.domain.DomainRepository;

/**
 * {@link RecipientDiscoveryService} within the caller's tenancy ({@link Tenancy#requireManager}:
 * administrators, the owning resellers and the domain's own login; others get 404). An apply runs
 * in one transaction: the view is built again, compared with the etag the owner reviewed, and the
 * list and the catch-all switch are changed through {@link DomainService} (which checks and marks
 * the configuration changed), so either both change or neither does.
 */
@Stateless
public class DefaultRecipientDiscoveryService implements RecipientDiscoveryService {

    /** The window of recent recipients shown as the risk of an apply. */
    static final int RECENT_DAYS = 30;

    /** The most evidence rows and recent addresses read for one domain. */
    static final int MAX_ROWS = 10_000;

    private static final Logger LOG =
            Logger.getLogger(DefaultRecipientDiscoveryService.class.getName());

    @Inject private Tenancy tenancy;
    @Inject private DomainRepository domains;
    @Inject private EmailUserRepository emailUsers;
    @Inject private RecipientEvidenceStore store;
    @Inject private EvidenceRecorder recorder;
    @Inject private DomainService domainService;

    @Override
    public DiscoveredRecipients candidates(Caller caller, String domain, String mode) {
        Domain d = find(caller, domain);
        String m = CandidateReview.mode(mode);
        // This node's waiting notes first, so that what was just sent shows.
        recorder.flush();
        return review(d, m);
    }

    @Override
    public DiscoveredRecipients apply(Caller caller, String domain, String mode, String etag) {
        Domain d = find(caller, domain);
        String m = CandidateReview.mode(mode);
        if (etag == null || etag.isBlank()) {
            throw new InvalidRequest(
                    "etag is required: send the etag of the candidates you reviewed");
        }
        DiscoveredRecipients now = review(d, m);
        if (!now.etag().equals(etag.strip())) {
            throw new Conflict(
                    "the candidates or the domain's list changed since you reviewed them;"
                            + " review them again (current etag "
                            + now.etag()
                            + ")");
        }
        if (now.resultingList().isEmpty()) {
            throw new InvalidRequest(
                    "nothing learned for " + d.name() + " yet: the list would be empty");
        }
        domainService.replaceLocalRecipients(caller, d.name(), now.resultingList());
        domainService.changeSettings(caller, d.name(), Boolean.FALSE, null, null);
        LOG.info(
                () ->
                        "recipient discovery applied: domain="
                                + d.name()
                                + " caller="
                                + caller.username()
                                + " mode="
                                + m
                                + " list="
                                + now.resultingList().size()
                                + " added="
                                + now.added().size()
                                + " removed="
                                + now.removed().size()
                                + " refusedRecent="
                                + now.wouldRefuseCount());
        return review(d, m);
    }

    private DiscoveredRecipients review(Domain d, String mode) {
        return CandidateReview.review(
                d.name(),
                mode,
                d.refusesUnknownRecipients(),
                d.localRecipients(),
                emailUsers.addressesOf(d.id()),
                store.evidence(d.name(), MAX_ROWS),
                store.recentRecipients(
                        d.name(), Instant.now().minus(Duration.ofDays(RECENT_DAYS)), MAX_ROWS),
                RECENT_DAYS);
    }

    private Domain find(Caller caller, String domain) {
        String name;
        try {
            name = DomainName.normalize(domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
        tenancy.requireManager(caller, name);
        return domains.findByName(name).orElseThrow(() -> new NotFound("no hosted domain " + name));
    }
}
