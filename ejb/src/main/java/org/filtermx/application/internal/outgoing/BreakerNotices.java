package org.filtermx.application.internal.outgoing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Tells the administrator contact that the breaker locked an identity ({@link BreakerNotice}),
 * through the path of the ARF reports: spooled as outgoing mail with the null reverse-path, logged,
 * never scanned, in the lock's own transaction, so the notice exists exactly when the lock was
 * committed. It is sent only when the lock is new, so once per lock whatever number of messages the
 * locked identity tries afterwards.
 */
@ApplicationScoped
class BreakerNotices {

    private static final Logger LOG = Logger.getLogger(BreakerNotices.class.getName());

    @Inject private InstallationSettings settings;
    @Inject private MessageStore store;
    @Inject private EncodedWordDecoder words;

    /**
     * Spools the notice; a notice that cannot be composed (a contact that is no address) is logged
     * and left out rather than undoing the lock.
     */
    void locked(BreakerNotice.Facts facts) {
        OutgoingSender sender = facts.sender();
        byte[] mail;
        try {
            mail = new BreakerNotice(settings.reportFrom(), settings.hostname()).compose(facts);
        } catch (IllegalStateException e) {
            LOG.log(
                    Level.WARNING,
                    "no breaker notice about " + sender.displayName() + ": " + e.getMessage());
            return;
        }
        String contact = LowerCase.of(sender.adminContact().strip());
        String queueId = "breaker-" + UUID.randomUUID().toString().replace("-", "");
        store.store(
                List.of(
                        MessageStore.Item.systemMail(
                                queueId,
                                Direction.OUTBOUND,
                                sender.domain(),
                                contact.substring(contact.lastIndexOf('@') + 1),
                                contact,
                                settings.hostname(),
                                mail,
                                HeaderSummary.of(mail, words),
                                facts.lockedAt(),
                                "breaker notice: "
                                        + sender.displayName()
                                        + " locked after a burst")));
    }

    /** Where the console lists outgoing users, for the notice's text. */
    String consoleUrl() {
        return settings.publicUrl() + "/console/outgoing.xhtml";
    }
}
