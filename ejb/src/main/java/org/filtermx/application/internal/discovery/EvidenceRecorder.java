package org.filtermx.application.internal.discovery;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.port.RecipientEvidenceStore;

/**
 * Writes the notes of {@link DiscoveryEvidence} as evidence, in one transaction of its own per
 * drain (at most {@link #BATCH} notes): an address of the sender's own hosted domain that sent is
 * seen as a {@code sender}; the recipients of delivered inbound mail of that domain that the
 * message answers (by Message-ID) are seen as a {@code reply}. Called by a timer on every node and
 * before candidates are shown.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class EvidenceRecorder {

    public static final int BATCH = 2000;

    private static final Logger LOG = Logger.getLogger(EvidenceRecorder.class.getName());

    @Inject private DiscoveryEvidence evidence;
    @Inject private HostedDomainDirectory directory;
    @Inject private RecipientEvidenceStore store;

    public EvidenceRecorder() {}

    EvidenceRecorder(
            DiscoveryEvidence evidence,
            HostedDomainDirectory directory,
            RecipientEvidenceStore store) {
        this.evidence = evidence;
        this.directory = directory;
        this.store = store;
    }

    /** Writes what is waiting on this node; returns how many notes it took. */
    public int flush() {
        List<OutboundEvidence> notes = evidence.drain(BATCH);
        if (notes.isEmpty()) {
            return 0;
        }
        Sightings sightings = new Sightings();
        for (OutboundEvidence note : notes) {
            Set<String> credited = new HashSet<>();
            for (String sender : note.senders()) {
                if (ownDomain(note.senderDomain(), sender)) {
                    LocalParts.of(sender)
                            .filter(credited::add)
                            .ifPresent(
                                    p ->
                                            sightings.add(
                                                    note.senderDomain(),
                                                    p,
                                                    Sightings.SENDER,
                                                    note.at()));
                }
            }
            if (!note.answered().isEmpty()) {
                Set<String> replied = new HashSet<>();
                for (String rcpt :
                        store.deliveredRecipientsOf(
                                note.senderDomain(), note.answered(), Sightings.PER_MESSAGE)) {
                    LocalParts.of(rcpt)
                            .filter(replied::add)
                            .ifPresent(
                                    p ->
                                            sightings.add(
                                                    note.senderDomain(),
                                                    p,
                                                    Sightings.REPLY,
                                                    note.at()));
                }
            }
        }
        store.record(sightings.all());
        LOG.fine(() -> "recipient evidence: " + notes.size() + " messages written");
        return notes.size();
    }

    /** Whether {@code address} belongs to {@code domain}, by its own name or an alias. */
    private boolean ownDomain(String domain, String address) {
        Optional<HostedDomain> hosted = directory.lookup(LocalParts.domainOf(address));
        return hosted.isPresent() && hosted.get().name().equals(domain);
    }
}
