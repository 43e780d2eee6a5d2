package org.filtermx.application.internal.verification;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.filtermx.domain.model.verification.KnownRecipient;
import org.filtermx.domain.model.verification.RecipientVerificationRepository;

/** The callout cache in a map, as the shared table behaves for one node. */
final class InMemoryRecipientAnswers implements RecipientVerificationRepository {

    final Map<String, KnownRecipient> recipients = new ConcurrentHashMap<>();
    final Map<String, Object[]> domains = new ConcurrentHashMap<>();

    @Override
    public Optional<KnownRecipient> find(String domain, String localPart, Instant now) {
        return Optional.ofNullable(recipients.get(localPart.toLowerCase() + "@" + domain))
                .filter(k -> k.freshAt(now));
    }

    @Override
    public void remember(KnownRecipient k) {
        recipients.put(k.localPart() + "@" + k.domain(), k);
    }

    @Override
    public Optional<Boolean> catchAll(String domain, Instant now) {
        Object[] row = domains.get(domain);
        return row == null || !now.isBefore((Instant) row[1])
                ? Optional.empty()
                : Optional.of((Boolean) row[0]);
    }

    @Override
    public void rememberCatchAll(String domain, boolean catchAll, Instant now, Instant expires) {
        domains.put(domain, new Object[] {catchAll, expires});
    }

    @Override
    public int forget(String domain) {
        int before = recipients.size() + domains.size();
        recipients.values().removeIf(k -> k.domain().equals(domain));
        domains.remove(domain);
        return before - recipients.size() - domains.size();
    }

    @Override
    public int purge(Instant now, int batch) {
        int before = recipients.size();
        recipients.values().removeIf(k -> !k.freshAt(now));
        return before - recipients.size();
    }
}
