package org.filtermx.application.internal.filtering;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.filtermx.application.Caller;
import org.filtermx.application.NotFound;
import org.filtermx.application.TrainingQueueStatus;
import org.filtermx.application.TrainingService;
import org.filtermx.application.internal.accounts.Tenancy;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.application.port.TrainingQueueStore;
import org.filtermx.domain.model.domain.DomainRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Trains the classifiers through the API: cluster-wide by administrators, or for one domain by
 * those who manage it. rspamd must learn too where it is configured, or the call fails with 503 and
 * may be repeated. A bulk upload comes as several {@link #trainAll} calls of up to a thousand
 * messages each, one transaction each. Single messages ({@link #train}) wait outside a transaction
 * for a {@link TrainingGroups} group: concurrent calls are learnt and written in one transaction.
 * Queued messages ({@link #enqueue}) are stored in one short transaction each and learnt by the
 * {@link TrainingQueue} worker in batches (ADR 0051).
 */
@Stateless
public class DefaultTrainingService implements TrainingService {

    @Inject private ClassifierTraining training;
    @Inject private TrainingGroups groups;
    @Inject private DomainRepository domains;
    @Inject private Tenancy tenancy;
    @Inject private InstallationSettings settings;
    @Inject private TrainingQueueStore queue;
    @Inject private TrainingQueue worker;
    @Inject private AfterCommit afterCommit;

    /** Failures {@link #queueStatus} lists. */
    static final int LISTED_FAILURES = 20;

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void train(Caller caller, byte[] message, boolean spam, String domain) {
        groups.learn(new ClassifierTraining.Lesson(message, spam, scope(caller, domain)));
    }

    @Override
    public List<String> trainAll(
            Caller caller, List<byte[]> messages, boolean spam, String domain) {
        return training.learn(messages, spam, scope(caller, domain), true);
    }

    @Override
    public long enqueue(Caller caller, byte[] message, boolean spam, String domain) {
        String scope = scope(caller, domain);
        long id =
                queue.add(
                        spam,
                        scope,
                        caller.username(),
                        Instant.now(),
                        message,
                        settings.trainingQueueMax(),
                        settings.trainingQueueMaxBytes());
        afterCommit.whenCommitted(worker::kick);
        return id;
    }

    @Override
    public TrainingQueueStatus queueStatus(Caller caller) {
        Tenancy.requireAdmin(caller, "see the training queue");
        TrainingQueueStore.Figures figures = queue.figures();
        Long oldest =
                figures.oldestWaiting() == null
                        ? null
                        : Math.max(
                                0,
                                Duration.between(figures.oldestWaiting(), Instant.now())
                                        .toSeconds());
        List<TrainingQueueStatus.Failure> failures =
                queue.failures(LISTED_FAILURES).stream()
                        .map(
                                f ->
                                        new TrainingQueueStatus.Failure(
                                                f.id(),
                                                f.spam() ? "spam" : "ham",
                                                f.scope().isEmpty() ? null : f.scope(),
                                                f.queuedBy(),
                                                f.queuedAt(),
                                                f.failedAt(),
                                                f.error()))
                        .toList();
        return new TrainingQueueStatus(figures.waiting(), figures.failed(), oldest, failures);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void learnQueued() {
        worker.kick();
    }

    @Override
    public void checkAllowed(Caller caller, String domain) {
        scope(caller, domain);
    }

    @Override
    public long messageSizeLimit() {
        return settings.messageSizeLimit();
    }

    /** The store scope the caller may train: "" cluster-wide (administrators) or a domain's. */
    private String scope(Caller caller, String domain) {
        if (domain == null) {
            Tenancy.requireAdmin(caller, "train the cluster-wide classifier; name a domain");
            return "";
        }
        String scope = LowerCase.of(domain);
        tenancy.requireManager(caller, scope);
        if (domains.findByName(scope).isEmpty()) {
            throw new NotFound("no hosted domain " + domain);
        }
        return scope;
    }
}
