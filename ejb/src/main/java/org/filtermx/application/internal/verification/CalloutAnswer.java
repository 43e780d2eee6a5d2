package org.filtermx.application.internal.verification;

import org.filtermx.application.port.RecipientProbe.Answer;
import org.filtermx.application.port.RecipientProbe.Result;

/**
 * What one callout means: the verdict on the recipient, and what it showed about the domain's
 * destination when a random address was asked too ({@code catchAll} null: not asked, or no answer).
 */
record CalloutAnswer(Verdict verdict, Boolean catchAll) {

    /** The recipient's fate. */
    enum Verdict {
        /** 2xx to RCPT from a destination that refuses made-up addresses: remember as valid. */
        VALID,
        /** 5xx to RCPT: remember as invalid, answer 550 5.1.1. */
        INVALID,
        /** The destination accepts every address: its 2xx says nothing; accept, remember none. */
        CATCH_ALL,
        /** No answer to go by (timeout, unreachable, 4xx): the domain's setting decides. */
        UNANSWERED
    }

    /**
     * Judges the answers about the recipient and, when it was asked in the same transaction, about
     * a random address of its domain ({@code random} null when the domain's status was known). The
     * recipient's own refusal wins; a destination that took the random address is a catch-all whose
     * 2xx is worth nothing.
     */
    static CalloutAnswer judge(Result random, Result recipient) {
        Boolean catchAll =
                random == null
                        ? null
                        : switch (random.answer()) {
                            case ACCEPTED -> Boolean.TRUE;
                            case REFUSED -> Boolean.FALSE;
                            case UNKNOWN -> null;
                        };
        Verdict verdict;
        if (recipient.answer() == Answer.REFUSED) {
            verdict = Verdict.INVALID;
        } else if (Boolean.TRUE.equals(catchAll)) {
            verdict = Verdict.CATCH_ALL;
        } else if (recipient.answer() == Answer.ACCEPTED) {
            verdict = Verdict.VALID;
        } else {
            verdict = Verdict.UNANSWERED;
        }
        return new CalloutAnswer(verdict, catchAll);
    }
}
