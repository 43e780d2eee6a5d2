package org.filtermx.application.port;

import java.time.Instant;

/**
 * Where the mail path counts what it does, for an operator's monitoring (Prometheus). Each call is
 * meant for the hot path: an implementation keeps its counters in fields and adds to them, with no
 * lookup by name and no label set built per message. {@link #NONE} counts nothing, for unit tests
 * and servers without metrics.
 */
public interface Metrics {

    /** Why a message was refused at the end of its DATA phase. */
    enum Refusal {
        /** 550: every part was judged spam. */
        SPAM,
        /** 554: a virus scanner found malware. */
        VIRUS,
        /** 550: the recipient's block list or policy refused it. */
        POLICY,
        /** 554: too many Received fields, a mail loop (RFC 5321 section 6.3). */
        LOOP,
        /** 451: a scanner the policy requires could not answer; the client retries. */
        SCANNER_UNAVAILABLE
    }

    /** A message was accepted at the end of DATA (250), whatever became of its parts. */
    void messageAccepted();

    /** A message was refused at the end of DATA, for {@code why}. */
    void messageRefused(Refusal why);

    /** {@code parts} copies of an accepted message were held in the quarantine. */
    void messagesHeld(int parts);

    /** {@code recipients} recipients got a final positive answer from their destination. */
    void recipientsDelivered(int recipients);

    /** {@code recipients} recipients got only a temporary answer and stay in the queue. */
    void recipientsDeferred(int recipients);

    /** {@code recipients} recipients failed for good and their sender is told (a bounce). */
    void recipientsBounced(int recipients);

    /** The scanner named {@code scanner} took {@code nanos} for one message. */
    void scanned(String scanner, long nanos);

    /**
     * One delivery attempt to the destination host {@code route} took {@code nanos}, connecting
     * through the end of the SMTP transaction.
     */
    void deliveryAttempted(String route, long nanos);

    /** A run of the protection reports finished, having sent {@code sent}, {@code failed} not. */
    void reportRunFinished(int sent, int failed);

    /**
     * The queue as last counted: {@code depth} spooled messages, the oldest received at {@code
     * oldest} (null when empty).
     */
    void queueCounted(long depth, Instant oldest);

    /** Counts nothing. */
    Metrics NONE =
            new Metrics() {
                @Override
                public void messageAccepted() {}

                @Override
                public void messageRefused(Refusal why) {}

                @Override
                public void messagesHeld(int parts) {}

                @Override
                public void recipientsDelivered(int recipients) {}

                @Override
                public void recipientsDeferred(int recipients) {}

                @Override
                public void recipientsBounced(int recipients) {}

                @Override
                public void scanned(String scanner, long nanos) {}

                @Override
                public void deliveryAttempted(String route, long nanos) {}

                @Override
                public void reportRunFinished(int sent, int failed) {}

                @Override
                public void queueCounted(long depth, Instant oldest) {}
            };
}
