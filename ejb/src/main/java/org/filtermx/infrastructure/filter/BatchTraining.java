package org.filtermx.infrastructure.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.infrastructure.filter.bayes.BayesScanner;
import org.filtermx.infrastructure.filter.bayes.TokenStore;
import org.filtermx.infrastructure.filter.bayes.Trainer;
import org.filtermx.infrastructure.filter.bayes.TrainingBatch;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;

/**
 * A training run on top of the shared store ({@link ScannerSet#startTraining}): messages are taken
 * apart ({@link #prepare}: parsed, tokens and 4-grams, the training scans that need no trained
 * state) on whichever threads the caller uses, then learnt one after another into one {@link
 * TrainingBatch} by the classifier and, cluster-wide, the fusion, each seeing the ones before it,
 * and written in one go by {@link #commit}. What a message teaches depends only on the messages
 * learnt before it, never on which thread took it apart, so a run learns the same counts and
 * weights however its messages were prepared.
 */
public final class BatchTraining implements ScannerSet.TrainingRun {

    private static final Logger LOG = Logger.getLogger(BatchTraining.class.getName());

    private final TrainingBatch batch;
    private final Trainer trainer;
    private final LearnedScoreFusion fusion;
    private final BayesScanner bayes;
    private final List<Scanner> scanners;
    private final Function<byte[], ParsedMessage> parser;

    /** A message taken apart: the training scans' reasons, null where bayes is to scan. */
    private record Taken(
            MessageUnderScan message, Trainer.Lesson lesson, List<List<Reason>> scanned)
            implements Prepared {}

    /**
     * A run over {@code store}: {@code trainer} and {@code fusion} learn into the run's batch;
     * {@code scanners} are the training scans in order (the one named {@code bayes} is replaced by
     * the batch's classifier); {@code parser} must be safe to call from several threads.
     */
    public BatchTraining(
            TokenStore store,
            Trainer trainer,
            LearnedScoreFusion fusion,
            List<Scanner> scanners,
            Function<byte[], ParsedMessage> parser) {
        this.batch = new TrainingBatch(store);
        this.trainer = trainer.writingTo(batch);
        this.fusion = fusion.learningInto(batch);
        this.bayes = new BayesScanner(batch);
        this.scanners = List.copyOf(scanners);
        this.parser = parser;
    }

    @Override
    public Prepared prepare(byte[] crlf, String scope) {
        ParsedMessage parsed;
        Trainer.Lesson lesson;
        try {
            parsed = parser.apply(crlf);
            lesson = trainer.prepare(parsed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the message cannot be read: " + e, e);
        }
        MessageUnderScan message = new MessageUnderScan("", "", "", List.of(), scope, crlf, parsed);
        List<List<Reason>> scanned = null;
        if (scope.isEmpty()) {
            scanned = new ArrayList<>(scanners.size());
            for (Scanner scanner : scanners) {
                scanned.add(isBayes(scanner) ? null : reasons(scanner, message));
            }
        }
        return new Taken(message, lesson, scanned);
    }

    @Override
    public void learn(Prepared prepared, boolean spam) {
        Taken taken = (Taken) prepared;
        MessageUnderScan message = taken.message();
        if (message.recipientDomain().isEmpty()) {
            // The fusion learns from the scan as it was before this message taught bayes (ADR
            // 0019); the batch's classifier scans with the tokens and features already taken apart.
            List<Reason> reasons = new ArrayList<>();
            for (List<Reason> scanned : taken.scanned()) {
                reasons.addAll(
                        scanned != null ? scanned : reasons(bayesWith(taken.lesson()), message));
            }
            fusion.learn(reasons, spam);
        }
        trainer.train(taken.lesson(), spam, message.recipientDomain());
    }

    @Override
    public void commit() {
        batch.commit();
    }

    private boolean isBayes(Scanner scanner) {
        return scanner.name().equals(bayes.name());
    }

    /** The batch's classifier, scanning with the tokens and features of {@code lesson}. */
    private Scanner bayesWith(Trainer.Lesson lesson) {
        return new Scanner() {
            @Override
            public String name() {
                return bayes.name();
            }

            @Override
            public ScanResult scan(MessageUnderScan m) throws ScannerUnavailable {
                return bayes.scan(m, lesson.tokens(), lesson.features());
            }
        };
    }

    /** A scanner's reasons for training; a scanner that cannot answer is left out. */
    private static List<Reason> reasons(Scanner scanner, MessageUnderScan message) {
        try {
            return scanner.scan(message).reasons();
        } catch (ScannerUnavailable | RuntimeException e) {
            LOG.fine("scanner " + scanner.name() + " skipped for training: " + e);
            return List.of();
        }
    }
}
