package org.filtermx.application.internal.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The mail path's one call into recipient discovery: a note of an accepted outgoing message, put in
 * a bounded in-memory queue without touching the database, so the submission path pays a few field
 * reads and one non-blocking offer. {@link EvidenceRecorder} drains the queue in batches after the
 * messages have committed. Evidence is a hint, not a record: when the queue is full, or the node
 * stops before a drain, the note is dropped (and counted), never the message.
 */
@ApplicationScoped
public class DiscoveryEvidence {

    /** The most notes waiting on one node; a drain every few seconds keeps it far below. */
    static final int CAPACITY = 10_000;

    private final BlockingQueue<OutboundEvidence> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Notes an accepted outgoing message of {@code senderDomain} (the outgoing identity's domain).
     * Never throws: evidence must not fail a message.
     */
    public void sent(String senderDomain, String reversePath, ParsedMessage parsed, Instant at) {
        try {
            List<String> senders = new ArrayList<>(2);
            add(senders, reversePath);
            parsed.header("From").map(DiscoveryEvidence::address).ifPresent(a -> add(senders, a));
            List<String> answered =
                    MessageIds.of(
                            parsed.header("In-Reply-To").orElse(null),
                            parsed.header("References").orElse(null));
            if (senders.isEmpty() && answered.isEmpty()) {
                return;
            }
            if (!pending.offer(new OutboundEvidence(senderDomain, senders, answered, at))) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
        }
    }

    /** Takes up to {@code max} notes, oldest first. */
    List<OutboundEvidence> drain(int max) {
        List<OutboundEvidence> out = new ArrayList<>();
        pending.drainTo(out, max);
        return out;
    }

    /** Notes dropped since the start (queue full or unreadable). */
    long dropped() {
        return dropped.get();
    }

    private static void add(List<String> senders, String address) {
        if (address == null || address.isEmpty() || address.length() > 320) {
            return;
        }
        String a = LowerCase.of(address);
        if (a.indexOf('@') > 0 && !senders.contains(a)) {
            senders.add(a);
        }
    }

    /** The address inside a From field value such as {@code "Name" <a@b>}. */
    static String address(String fromValue) {
        int lt = fromValue.lastIndexOf('<');
        int gt = fromValue.lastIndexOf('>');
        String a = lt >= 0 && gt > lt ? fromValue.substring(lt + 1, gt) : fromValue;
        return a.strip();
    }
}
