package org.filtermx.application.internal.filtering;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Teaches one message to the built-in classifier (in the database, shared by every node) and, where
 * configured, to rspamd through its learn endpoints; for cluster-wide training, first the score
 * fusion takes a step on how the content scanners judged it. The API's training calls and the
 * quarantine's actions both come through here.
 *
 * <p>A domain's training (its users' release-and-train and train-as-spam, a domain login's API
 * calls) teaches that domain's counts and weights only. It does not step the fusion, whose weights
 * judge every tenant's mail: one tenant's training must not shift how another tenant's mail is
 * scored.
 */
@ApplicationScoped
public class ClassifierTraining {

    private static final Logger LOG = Logger.getLogger(ClassifierTraining.class.getName());

    /**
     * Messages taken apart ahead of the one being learnt: enough to keep both processors of a small
     * machine busy while the learning thread waits on none, few enough that a batch of a thousand
     * does not hold a thousand parsed messages.
     */
    static final int AHEAD = 2 * Runtime.getRuntime().availableProcessors();

    @Inject private ScannerSet engines;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private Executor executor;

    protected ClassifierTraining() {}

    /** Training that takes messages apart on {@code executor} (null: on the caller's thread). */
    ClassifierTraining(ScannerSet engines, Executor executor) {
        this.engines = engines;
        this.executor = executor;
    }

    ClassifierTraining(ScannerSet engines) {
        this(engines, null);
    }

    /**
     * Learns {@code message} (raw, any line endings; this gateway's verdict fields are removed
     * first so the classifier never learns its own words) for {@code scope} ({@code ""} =
     * cluster-wide). When rspamd cannot learn, {@code rspamdRequired} decides: a {@link
     * TemporaryFailure}, or a logged warning.
     *
     * @throws IllegalArgumentException when the message cannot be read
     */
    public void learn(byte[] message, boolean spam, String scope, boolean rspamdRequired) {
        String error = learn(List.of(message), spam, scope, rspamdRequired).get(0);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    /**
     * Learns several messages as {@link #learn(byte[], boolean, String, boolean)} does, written
     * together in the caller's transaction: the built-in classifier learns them in memory, one
     * after another, and stores the merged changes once. A message that cannot be read is left out;
     * anything else that fails (the store, rspamd when required) fails them all.
     *
     * @return per message, in order: null when learnt, else why it was left out
     */
    public List<String> learn(
            List<byte[]> messages, boolean spam, String scope, boolean rspamdRequired) {
        List<Lesson> lessons = new ArrayList<>(messages.size());
        for (byte[] message : messages) {
            lessons.add(new Lesson(message, spam, scope));
        }
        return learnAll(lessons, rspamdRequired);
    }

    /** One message to learn: raw, as spam or ham, for a scope ({@code ""} = cluster-wide). */
    public record Lesson(byte[] message, boolean spam, String scope) {}

    /**
     * Learns several messages, each with its own label and scope, as {@link #learn(List, boolean,
     * String, boolean)} does: in the caller's transaction, the built-in classifier's changes merged
     * and written once. Lets concurrent single training calls share one write ({@link
     * TrainingGroups}).
     *
     * @return per lesson, in order: null when learnt, else why it was left out
     */
    public List<String> learnAll(List<Lesson> lessons, boolean rspamdRequired) {
        ScannerSet.TrainingRun run = engines.startTraining();
        List<String> errors = new ArrayList<>(lessons.size());
        List<Lesson> learnt = new ArrayList<>(lessons.size());
        // Each message is taken apart (parsed, tokenized, the scans that need no trained state)
        // on the executor's threads, a few ahead; only learning, which depends on the messages
        // before it, runs here, in order, so the run learns what it would one by one.
        PreparedAhead.forEach(
                lessons,
                lesson -> taken(run, lesson),
                lessons.size() > 1 ? executor : null,
                AHEAD,
                taken -> {
                    if (taken.error() != null) {
                        errors.add(taken.error());
                        return;
                    }
                    run.learn(taken.prepared(), taken.lesson().spam());
                    errors.add(null);
                    learnt.add(taken.lesson());
                });
        engines.externalLearner()
                .ifPresent(
                        rspamd ->
                                learnt.forEach(
                                        l ->
                                                rspamdLearn(
                                                        rspamd,
                                                        l.message(),
                                                        l.spam(),
                                                        rspamdRequired)));
        run.commit();
        return errors;
    }

    /** A lesson taken apart: the message as learnt (CRLF, verdict fields removed), or why not. */
    private record Taken(Lesson lesson, ScannerSet.TrainingRun.Prepared prepared, String error) {}

    private static Taken taken(ScannerSet.TrainingRun run, Lesson lesson) {
        byte[] crlf = VerdictHeaders.strip(Crlf.normalize(lesson.message()));
        Lesson normalized = new Lesson(crlf, lesson.spam(), lesson.scope());
        try {
            return new Taken(normalized, run.prepare(crlf, lesson.scope()), null);
        } catch (IllegalArgumentException e) {
            return new Taken(normalized, null, e.getMessage());
        }
    }

    private static void rspamdLearn(
            ScannerSet.ExternalLearner rspamd, byte[] crlf, boolean spam, boolean required) {
        try {
            rspamd.learn(crlf, spam)
                    .ifPresent(declined -> LOG.fine("rspamd did not learn: " + declined));
        } catch (ScannerUnavailable e) {
            if (required) {
                throw new TemporaryFailure("rspamd could not learn: " + e.getMessage(), e);
            }
            LOG.warning("rspamd could not learn (the built-in classifier did): " + e.getMessage());
        }
    }
}
