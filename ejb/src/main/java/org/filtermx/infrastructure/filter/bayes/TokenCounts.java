package org.filtermx.infrastructure.filter.bayes;

/**
 * How many trained spam and ham messages contained one token; the unit the classifier weighs.
 *
 * @param spam spam messages that contained the token
 * @param ham ham messages that contained the token
 */
public record TokenCounts(long spam, long ham) {

    /** A token never seen in training. */
    public static final TokenCounts NONE = new TokenCounts(0, 0);

    public TokenCounts {
        if (spam < 0 || ham < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + spam + "/" + ham);
        }
    }

    /** The sum of both, for counts of one token taken from two scopes. */
    public TokenCounts plus(TokenCounts other) {
        return new TokenCounts(spam + other.spam, ham + other.ham);
    }
}
