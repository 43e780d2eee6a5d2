package org.filtermx.application.internal.accounts;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.domain.model.account.ActivationRepository;

/**
 * Sends welcome mails outside the transaction that made them due, one transaction per mail ({@link
 * WelcomeSender}): at once after an intake commits, on the EJB container's bounded asynchronous
 * pool, and again from housekeeping for any left pending (a crash, a render failure).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WelcomeDispatch {

    private static final Logger LOG = Logger.getLogger(WelcomeDispatch.class.getName());

    /**
     * How old a pending welcome must be before housekeeping sends it: the asynchronous send right
     * after the intake normally gets there first.
     */
    static final Duration PENDING_GRACE = Duration.ofMinutes(1);

    /** Most welcomes one housekeeping pass sends. */
    static final int BATCH = 100;

    @Inject private WelcomeSender sender;
    @Inject private ActivationRepository activations;

    /** Sends the welcomes of {@code addresses} soon, off the caller's thread. */
    @Asynchronous
    public void sendSoon(List<String> addresses) {
        sendEach(addresses);
    }

    /** Sends one batch of welcomes left pending; returns how many were sent. */
    public int sendPending() {
        return sendEach(activations.pendingWelcomes(Instant.now().minus(PENDING_GRACE), BATCH));
    }

    private int sendEach(List<String> addresses) {
        int sent = 0;
        for (String address : addresses) {
            try {
                if (sender.send(address)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "welcome mail to " + address + " not sent, it stays pending: " + e,
                        e);
            }
        }
        return sent;
    }
}
