package org.filtermx.infrastructure.filter.external;

/**
 * What rspamd's controller did with a message it was asked to learn: learned it, or declined with
 * its reason (already learned, too few tokens for the Bayes classifier).
 *
 * @param learned whether the classifier's statistics changed
 * @param explanation rspamd's reason when it declined, empty when it learned
 */
public record LearnOutcome(boolean learned, String explanation) {

    public static final LearnOutcome LEARNED = new LearnOutcome(true, "");

    public LearnOutcome {
        explanation = explanation == null ? "" : explanation;
    }

    public static LearnOutcome declined(String explanation) {
        return new LearnOutcome(false, explanation);
    }
}
