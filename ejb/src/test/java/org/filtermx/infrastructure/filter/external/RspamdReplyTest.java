package org.filtermx.infrastructure.filter.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.filtermx.domain.model.filter.Reason;
import org.junit.jupiter.api.Test;

class RspamdReplyTest {

    /** rspamd 3.4's reply to the GTUBE test message: a forced reject, no symbol scores. */
    private static final String GTUBE =
            "{\"is_skipped\":true,\"score\":0.0,\"required_score\":15.0,\"action\":\"reject\","
                    + "\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\",\"score\":0.0,\"metric_score\":0.0}},\"messages\":{\"smtp_message\":\"Gtube"
                    + " pattern\"},\"message-id\":\"1@example.org\",\"time_real\":0.107103}";

    private static RspamdReply parse(String json) throws ProtocolException {
        return RspamdReply.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void forcedRejectWeighsAtLeastTheRejectThreshold() throws Exception {
        assertThat(parse(GTUBE).toScanResult().reasons())
                .containsExactly(
                        new Reason(
                                "RSPAMD_SCORE",
                                15.0,
                                "action=reject (Gtube pattern), required=15.0"));
    }

    @Test
    void namesAtMostEightSymbolsTheWeightiestFirst() throws Exception {
        StringBuilder symbols = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            symbols.append(i > 1 ? "," : "")
                    .append(String.format("\"S%02d\":{\"score\":%d.0}", i, i));
        }
        String json =
                "{\"score\":55.0,\"required_score\":15.0,\"action\":\"reject\",\"symbols\":{"
                        + symbols
                        + "}}";

        String detail = parse(json).toScanResult().reasons().get(0).detail();

        assertThat(detail).startsWith("action=reject, required=15.0; S10 +10.00, S09 +9.00");
        assertThat(detail).endsWith("S03 +3.00").doesNotContain("S02", "S01");
    }

    @Test
    void replyWithoutSymbolsStillCarriesTheScore() throws Exception {
        String json = "{\"score\":-1.5,\"required_score\":15.0,\"action\":\"no action\"}";

        assertThat(parse(json).toScanResult().reasons())
                .containsExactly(
                        new Reason("RSPAMD_SCORE", -1.5, "action=no action, required=15.0"));
    }

    @Test
    void refusesReplyThatIsNotJson() {
        assertThatThrownBy(() -> parse("<html>Bad gateway</html>"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void readsTheErrorTextOfAFailedRequest() {
        assertThat(
                        RspamdReply.error(
                                "{\"error\":\"invalid password\"}"
                                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("invalid password");
        assertThat(RspamdReply.error("Bad gateway\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Bad gateway");
    }
}
