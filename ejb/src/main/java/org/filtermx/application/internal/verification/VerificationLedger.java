package org.filtermx.application.internal.verification;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import org.filtermx.domain.model.verification.KnownRecipient;
import org.filtermx.domain.model.verification.RecipientVerificationRepository;

/**
 * The writes to the shared callout cache, each in a transaction of its own: the RCPT and delivery
 * paths that learn answers run outside any transaction, and one answer lost to a database hiccup
 * only costs a callout later.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class VerificationLedger {

    @Inject private RecipientVerificationRepository cache;

    public VerificationLedger() {}

    VerificationLedger(RecipientVerificationRepository cache) {
        this.cache = cache;
    }

    public void remember(KnownRecipient recipient) {
        cache.remember(recipient);
    }

    public void rememberCatchAll(String domain, boolean catchAll, Instant now, Instant expires) {
        cache.rememberCatchAll(domain, catchAll, now, expires);
    }

    /** Forgets the domain's answers: its routes changed, or it was removed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int forget(String domain) {
        return cache.forget(domain);
    }

    public int purge(Instant now, int batch) {
        return cache.purge(now, batch);
    }
}
