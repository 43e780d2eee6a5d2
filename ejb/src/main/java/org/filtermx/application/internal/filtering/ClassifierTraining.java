package org.filtermx.application.internal.filtering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
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

    @Inject private ScannerSet engines;

    protected ClassifierTraining() {}

    ClassifierTraining(ScannerSet engines) {
        this.engines = engines;
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
        for (Lesson lesson : lessons) {
            byte[] crlf = VerdictHeaders.strip(Crlf.normalize(lesson.message()));
            try {
                // The fusion learns from the scan as it was before this message taught bayes
                // (ADR 0019).
                run.learn(crlf, lesson.spam(), lesson.scope());
                errors.add(null);
                learnt.add(new Lesson(crlf, lesson.spam(), lesson.scope()));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
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
