package org.filtermx.application.internal.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.filtermx.application.internal.verification.CalloutAnswer.Verdict;
import org.filtermx.application.port.RecipientProbe.Answer;
import org.filtermx.application.port.RecipientProbe.Result;
import org.junit.jupiter.api.Test;

class CalloutAnswerTest {

    private static final Result OK = new Result(Answer.ACCEPTED, "250");
    private static final Result NO = new Result(Answer.REFUSED, "550");
    private static final Result SILENT = new Result(Answer.UNKNOWN, "timeout");

    @Test
    void aDestinationThatRefusesTheRandomAddressVerifies() {
        assertThat(CalloutAnswer.judge(NO, OK)).isEqualTo(new CalloutAnswer(Verdict.VALID, false));
        assertThat(CalloutAnswer.judge(NO, NO))
                .isEqualTo(new CalloutAnswer(Verdict.INVALID, false));
    }

    @Test
    void aDestinationThatTakesTheRandomAddressIsACatchAllWhose250MeansNothing() {
        assertThat(CalloutAnswer.judge(OK, OK))
                .isEqualTo(new CalloutAnswer(Verdict.CATCH_ALL, true));
    }

    @Test
    void theRecipientsOwnRefusalWinsOverACatchAllLook() {
        assertThat(CalloutAnswer.judge(OK, NO).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void noAnswerIsUnansweredAndSaysNothingAboutTheDomain() {
        assertThat(CalloutAnswer.judge(SILENT, SILENT))
                .isEqualTo(new CalloutAnswer(Verdict.UNANSWERED, null));
        assertThat(CalloutAnswer.judge(null, SILENT).verdict()).isEqualTo(Verdict.UNANSWERED);
        assertThat(CalloutAnswer.judge(null, OK))
                .as("known domain status: only the recipient asked")
                .isEqualTo(new CalloutAnswer(Verdict.VALID, null));
    }
}
