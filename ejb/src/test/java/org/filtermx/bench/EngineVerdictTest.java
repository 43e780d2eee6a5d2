package org.filtermx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.filtermx.domain.model.filter.Reason;
import org.junit.jupiter.api.Test;

/** The engines' own verdicts as read back from the reasons their clients write. */
class EngineVerdictTest {

    @Test
    void readsRspamdActionAndRequiredScore() {
        EngineVerdict v =
                EngineVerdict.of(
                        new Reason(
                                "RSPAMD_SCORE",
                                7.2,
                                "action=add header, required=15.0; BAYES_SPAM +5.10, R_SPF_NA +0.00"));
        assertEquals(7.2, v.score());
        assertEquals(15.0, v.required());
        assertEquals("add header", v.action());
        assertTrue(v.rspamdMarksSpam());
        assertFalse(v.rspamdRejects());
    }

    @Test
    void readsRspamdActionFollowedBySmtpMessage() {
        EngineVerdict v =
                EngineVerdict.of(
                        new Reason(
                                "RSPAMD_SCORE",
                                15,
                                "action=reject (Gtube pattern), required=15.0; GTUBE +0.00"));
        assertEquals("reject", v.action());
        assertTrue(v.rspamdRejects());
    }

    @Test
    void greylistAndNoActionAreNotSpamForRspamd() {
        assertFalse(verdict("action=greylist, required=15.0").rspamdMarksSpam());
        assertFalse(verdict("action=no action, required=15.0").rspamdMarksSpam());
    }

    @Test
    void readsSpamAssassinThreshold() {
        EngineVerdict v =
                EngineVerdict.of(
                        new Reason(
                                "SPAMASSASSIN_SCORE", 5.0, "required=5.0; BAYES_99, HTML_MESSAGE"));
        assertEquals(5.0, v.required());
        assertEquals("", v.action());
        assertTrue(v.spamByOwnThreshold());
        assertFalse(
                EngineVerdict.of(new Reason("SPAMASSASSIN_SCORE", -1.9, "required=5.0"))
                        .spamByOwnThreshold());
    }

    @Test
    void findsOnlyTheNamedRule() {
        List<Reason> reasons =
                List.of(
                        new Reason("ENGINE_DOWN_RSPAMD", 0, "timeout"),
                        new Reason("SPAMASSASSIN_SCORE", 2.0, "required=5.0"));
        assertTrue(EngineVerdict.find(reasons, EngineVerdict.RSPAMD).isEmpty());
        assertEquals(
                2.0, EngineVerdict.find(reasons, EngineVerdict.SPAMASSASSIN).orElseThrow().score());
    }

    private static EngineVerdict verdict(String detail) {
        return EngineVerdict.of(new Reason("RSPAMD_SCORE", 4.5, detail));
    }
}
