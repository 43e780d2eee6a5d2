package org.filtermx.application.internal.filtering;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * One transaction of training: the lessons of a {@link TrainingGroups} group, learnt and written
 * together by {@link ClassifierTraining#learnAll}. A bean of its own so that the container starts
 * and ends the transaction around exactly this write; the callers wait outside any transaction.
 */
@Stateless
public class TrainingWriter {

    @Inject private ClassifierTraining training;

    /**
     * Learns the lessons in one transaction, rspamd required where configured.
     *
     * @return per lesson, in order: null when learnt, else why it was left out
     */
    public List<String> learn(List<ClassifierTraining.Lesson> lessons) {
        return training.learnAll(lessons, true);
    }
}
