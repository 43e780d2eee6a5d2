package org.filtermx.application.port;

import java.util.List;
import java.util.Optional;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.ScoreFusion;

/**
 * The scanners of this installation in the order they run, with the one MIME parser they share, the
 * built-in classifier's trainer, the score fusion (ADR 0019) and, where configured, an external
 * engine that learns too (rspamd).
 */
public interface ScannerSet {

    /** Parses a message once for every scanner. */
    ParsedMessage parse(byte[] raw);

    /** The scanners, in the order they run. */
    List<Scanner> scanners();

    /** How the scanners' reasons are weighed into the scores that count. */
    ScoreFusion fusion();

    /**
     * Teaches the built-in classifier {@code message} for {@code scope} ({@code ""} =
     * cluster-wide).
     */
    void train(ParsedMessage message, boolean spam, String scope);

    /**
     * The reasons the content scanners that need no SMTP envelope give {@code crlf} as mail for
     * {@code scope}'s recipients, for learning the fusion; a scanner that cannot answer is left
     * out.
     */
    List<Reason> trainingScan(byte[] crlf, String scope);

    /**
     * Starts training several messages whose changes are written together ({@link
     * TrainingRun#commit}), in the caller's transaction. By default each message is written as it
     * is learnt.
     */
    default TrainingRun startTraining() {
        return oneAtATime(this);
    }

    /** Training that writes each message as it is learnt, through {@code set}'s own methods. */
    static TrainingRun oneAtATime(ScannerSet set) {
        record Raw(byte[] crlf, String scope) implements TrainingRun.Prepared {}
        return new TrainingRun() {
            @Override
            public Prepared prepare(byte[] crlf, String scope) {
                return new Raw(crlf, scope);
            }

            @Override
            public void learn(Prepared message, boolean spam) {
                Raw raw = (Raw) message;
                if (raw.scope().isEmpty()) {
                    set.fusion().learn(set.trainingScan(raw.crlf(), raw.scope()), spam);
                }
                set.train(set.parse(raw.crlf()), spam, raw.scope());
            }

            @Override
            public void commit() {}
        };
    }

    /**
     * Messages learnt in memory, each seeing those learnt before it, until {@link #commit} writes
     * them all.
     */
    interface TrainingRun {

        /**
         * Takes one message (CRLF, this gateway's verdict fields removed) apart for {@code scope}
         * ({@code ""} = cluster-wide): everything that does not depend on what training has learnt
         * so far (parsing, tokens, features, the scans that need no trained state). Learns nothing,
         * so it may run on several threads at once and in any order.
         *
         * @throws IllegalArgumentException when the message cannot be taken apart
         */
        Prepared prepare(byte[] crlf, String scope);

        /**
         * Learns a message {@link #prepare}d by this run as spam or ham, seeing those learnt before
         * it: one thread, in the order the messages are to be learnt. Cluster-wide, the score
         * fusion first learns from how the content scanners judged it, as {@link
         * ScannerSet#trainingScan} does.
         */
        void learn(Prepared message, boolean spam);

        /**
         * {@link #prepare} and {@link #learn(Prepared, boolean)} in one.
         *
         * @throws IllegalArgumentException when the message cannot be taken apart; nothing of it
         *     was learnt
         */
        default void learn(byte[] crlf, boolean spam, String scope) {
            learn(prepare(crlf, scope), spam);
        }

        /** Writes what was learnt; the caller's transaction makes it durable. */
        void commit();

        /** A message taken apart by {@link #prepare}, for the run that made it. */
        interface Prepared {}
    }

    /** Whether a scanner looks for malware (its outage falls under the virus-engine policy). */
    boolean isMalwareEngine(Scanner scanner);

    /** The external engine that learns from training, if one is configured. */
    Optional<ExternalLearner> externalLearner();

    /** An external engine's learn endpoints. */
    interface ExternalLearner {

        /**
         * Teaches the engine {@code crlf} as spam or ham.
         *
         * @return empty when it learnt, else why it declined (already learnt, too small)
         * @throws ScannerUnavailable when the engine cannot be reached
         */
        Optional<String> learn(byte[] crlf, boolean spam) throws ScannerUnavailable;
    }
}
