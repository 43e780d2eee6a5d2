package org.filtermx.application.internal.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.port.CalloutSettings;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.domain.model.verification.KnownRecipient;

/**
 * Fills the callout cache from deliveries (ADR 0031): a recipient the destination took mail for
 * answered 250 to RCPT, which is all a callout would learn. Only domains that verify recipients are
 * learned, and an address is written at most once per quarter of the valid lifetime per node, so
 * that steady mail to the same people costs no write per message.
 */
@ApplicationScoped
public class LearnedRecipients {

    private static final Logger LOG = Logger.getLogger(LearnedRecipients.class.getName());

    /** Addresses whose last write this node remembers before it starts afresh. */
    static final int MEMORY = 50_000;

    @Inject private HostedDomainDirectory directory;
    @Inject private VerificationLedger ledger;
    @Inject private CalloutSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    /** The destination of {@code domain} took mail for {@code recipients} (full addresses). */
    public void delivered(String domain, List<String> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        Optional<HostedDomain> hosted = lookup(domain);
        if (hosted.isEmpty() || !hosted.get().verifiesRecipients()) {
            return;
        }
        String name = hosted.get().name();
        Instant now = clock.instant();
        Instant fresh = now.minus(settings.validTtl().dividedBy(4));
        for (String recipient : recipients) {
            int at = recipient.lastIndexOf('@');
            String part = LowerCase.of(recipient.substring(0, Math.max(at, 0)));
            if (part.isEmpty() || part.length() > KnownRecipient.MAX_LOCAL_PART) {
                continue;
            }
            String key = part + "@" + name;
            Instant last = written.get(key);
            if (last != null && last.isAfter(fresh)) {
                continue;
            }
            if (written.size() >= MEMORY) {
                written.clear();
            }
            try {
                ledger.remember(
                        new KnownRecipient(
                                name,
                                part,
                                true,
                                KnownRecipient.DELIVERY,
                                now,
                                now.plus(settings.validTtl())));
                written.put(key, now);
            } catch (RuntimeException e) {
                LOG.warning("delivered recipient " + key + " not learned: " + e);
            }
        }
    }

    private Optional<HostedDomain> lookup(String domain) {
        try {
            return directory.lookup(domain);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
