package org.filtermx.infrastructure.filter.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.infrastructure.filter.bayes.InMemoryTokenStore;
import org.filtermx.infrastructure.filter.content.GtubeScanner;
import org.filtermx.infrastructure.filter.content.GtubeSettings;
import org.filtermx.infrastructure.filter.content.HeaderSanityScanner;
import org.filtermx.infrastructure.filter.content.HeaderSanitySettings;
import org.filtermx.infrastructure.mime.MimeMessageParser;
import org.junit.jupiter.api.Test;

class LearnedScoreFusionTest {

    /** Bias −4, operating point z_q = 1: k = 5 / (1 − (−4)) = 1. */
    private static final FusionWeights UNTRAINED =
            new FusionWeights(
                    -4,
                    1.0,
                    Map.of(
                            "MISSING_DATE",
                            2.0,
                            "MISSING_MESSAGE_ID",
                            3.0,
                            "GTUBE",
                            9.0,
                            "ATTACHMENT_BLOCKED_EXT",
                            9.0,
                            "RSPAMD_SCORE",
                            1.5));

    /** Bias −6, operating point z_q = −1: k = 5 / 5 = 1, scaled ×2 to tell the sets apart. */
    private static final FusionWeights TRAINED =
            new FusionWeights(
                    -6, 2.0, Map.of("MISSING_DATE", 0.5, "BAYES_99", 2.0, "BAYES_00", -1.5));

    private static double total(List<Reason> reasons) {
        return reasons.stream().mapToDouble(Reason::score).sum();
    }

    private static Reason fused(List<Reason> reasons, String rule) {
        return reasons.stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void reachesTheQuarantineThresholdExactlyAtTheOperatingPoint() {
        // Σ w·x = 2 + 3 = 5 = z_q − b: the fitted model's operating point, 5.0 points.
        LearnedScoreFusion fusion = new LearnedScoreFusion(UNTRAINED, TRAINED, null);
        List<Reason> out =
                fusion.fuse(
                        List.of(
                                Reason.of("MISSING_DATE", 1.0),
                                Reason.of("MISSING_MESSAGE_ID", 1.0)));
        assertThat(total(out)).isCloseTo(5.0, within(1e-9));
        assertThat(out)
                .extracting(Reason::toString)
                .containsExactly("MISSING_DATE +2.0", "MISSING_MESSAGE_ID +3.0");
        FusionWeights k2 = new FusionWeights(-4, 5.0 / (2 - -4), UNTRAINED.weights());
        assertThat(
                        total(
                                new LearnedScoreFusion(k2, TRAINED, null)
                                        .fuse(
                                                List.of(
                                                        Reason.of("MISSING_DATE", 1.0),
                                                        Reason.of("MISSING_MESSAGE_ID", 1.0)))))
                .isLessThan(5.0);
    }

    @Test
    void leavesPolicyReasonsOnAScannedMessageAsTheyWere() throws IOException, ScannerUnavailable {
        MessageUnderScan message = fixture("gtube-no-date.eml");
        List<Reason> scanned = new ArrayList<>();
        scanned.addAll(new GtubeScanner(GtubeSettings.defaults()).scan(message).reasons());
        scanned.addAll(
                new HeaderSanityScanner(HeaderSanitySettings.defaults()).scan(message).reasons());
        scanned.add(new Reason("ATTACHMENT_BLOCKED_EXT", 10, "invoice.exe"));
        scanned.add(new Reason("ENGINE_DOWN_SPAMASSASSIN", 0, "connection refused"));
        scanned.add(Reason.of("SOME_NEW_RULE", 1.7));
        assertThat(scanned)
                .extracting(Reason::rule)
                .contains("GTUBE", "MISSING_DATE", "MISSING_MESSAGE_ID");

        List<Reason> out = new LearnedScoreFusion(UNTRAINED, TRAINED, null).fuse(scanned);

        assertThat(out)
                .extracting(Reason::rule)
                .containsExactlyElementsOf(scanned.stream().map(Reason::rule).toList());
        assertThat(fused(out, "GTUBE").score()).isEqualTo(1000.0);
        assertThat(fused(out, "ATTACHMENT_BLOCKED_EXT")).isEqualTo(scanned.get(scanned.size() - 3));
        assertThat(fused(out, "ENGINE_DOWN_SPAMASSASSIN").score()).isZero();
        assertThat(fused(out, "SOME_NEW_RULE").score())
                .as("no weight: its own score")
                .isEqualTo(1.7);
        assertThat(fused(out, "MISSING_DATE").score()).isEqualTo(2.0);
        assertThat(fused(out, "MISSING_DATE").detail())
                .isEqualTo(fused(scanned, "MISSING_DATE").detail());
        assertThat(FusionFeatures.of(scanned))
                .containsOnlyKeys("MISSING_DATE", "MISSING_MESSAGE_ID", "SOME_NEW_RULE");
        for (String rule :
                List.of(
                        "VIRUS_FOUND",
                        "SENDER_ALLOWLISTED",
                        "RECIPIENT_BLOCKLISTED",
                        "ATTACHMENT_DOUBLE_EXT")) {
            assertThat(FusionFeatures.isPolicy(Reason.of(rule, 5))).as(rule).isTrue();
        }
        assertThat(FusionFeatures.isPolicy(Reason.of("RBL_LISTED", 150))).isTrue();
        assertThat(FusionFeatures.isPolicy(Reason.of("BAYES_99", 6))).isFalse();
    }

    @Test
    void usesTheTrainedWeightsOnceBayesReportsABand() {
        LearnedScoreFusion fusion = new LearnedScoreFusion(UNTRAINED, TRAINED, null);
        List<Reason> silent = fusion.fuse(List.of(Reason.of("MISSING_DATE", 1.0)));
        List<Reason> trained =
                fusion.fuse(List.of(Reason.of("MISSING_DATE", 1.0), Reason.of("BAYES_99", 6.0)));
        assertThat(silent).extracting(Reason::score).containsExactly(2.0);
        assertThat(trained).extracting(Reason::score).containsExactly(1.0, 4.0);
        assertThat(fusion.fuse(List.of(Reason.of("BAYES_00", -1.9))))
                .extracting(Reason::toString)
                .containsExactly("BAYES_00 -3.0");
        // MISSING_MESSAGE_ID has no trained weight: once bayes speaks it keeps its own score.
        assertThat(
                        fusion.fuse(
                                List.of(
                                        Reason.of("MISSING_MESSAGE_ID", 1.0),
                                        Reason.of("BAYES_99", 6.0))))
                .extracting(Reason::score)
                .containsExactly(1.0, 4.0);
    }

    @Test
    void letsNoSingleReasonRefuseOrClearAMessage() {
        FusionWeights strong =
                new FusionWeights(-2, 5.0, Map.of("BAYES_999", 4.0, "BAYES_00", -5.0));
        LearnedScoreFusion fusion = new LearnedScoreFusion(strong, strong, null);
        assertThat(fusion.fuse(List.of(Reason.of("BAYES_999", 6.5))))
                .extracting(Reason::score)
                .containsExactly(LearnedScoreFusion.MAX_POINTS);
        assertThat(fusion.fuse(List.of(Reason.of("BAYES_00", -1.9))))
                .extracting(Reason::score)
                .containsExactly(LearnedScoreFusion.MIN_POINTS);
    }

    @Test
    void clipsAndScalesTheEnginesTotals() {
        LearnedScoreFusion fusion = new LearnedScoreFusion(UNTRAINED, TRAINED, null);
        assertThat(fusion.fuse(List.of(new Reason("RSPAMD_SCORE", 7.0, ""))))
                .extracting(Reason::score)
                .containsExactly(1.5 * 0.7);
        assertThat(fusion.fuse(List.of(new Reason("RSPAMD_SCORE", 60.0, ""))))
                .extracting(Reason::score)
                .containsExactly(1.5 * 2.0);
        assertThat(fusion.fuse(List.of(new Reason("RSPAMD_SCORE", -40.0, ""))))
                .extracting(Reason::score)
                .containsExactly(1.5 * -1.0);
    }

    @Test
    void learnsInBoundedStepsThatEveryNodeReadsFromTheStore() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        LearnedScoreFusion fusion = new LearnedScoreFusion(UNTRAINED, TRAINED, store);
        List<Reason> scan =
                List.of(Reason.of("MISSING_DATE", 1.0), Reason.of("SOME_NEW_RULE", 1.0));
        double before = total(fusion.fuse(scan));

        fusion.learn(scan, false);
        double afterOneHam = total(fusion.fuse(scan));
        assertThat(afterOneHam).isLessThan(before).isGreaterThan(before - 0.1);

        for (int i = 0; i < 5000; i++) {
            fusion.learn(scan, false);
        }
        double floor = total(fusion.fuse(scan));
        assertThat(floor)
                .as("the increment is capped")
                .isCloseTo(1.0 * (2.0 - LearnedScoreFusion.CAP) + 1.0, within(1e-9));
        assertThat(fused(fusion.fuse(scan), "SOME_NEW_RULE").score())
                .as("no shipped weight, no learning")
                .isEqualTo(1.0);

        // Another node with the same store sees the same weights; the trained set did not move.
        LearnedScoreFusion other = new LearnedScoreFusion(UNTRAINED, TRAINED, store);
        assertThat(total(other.fuse(scan))).isEqualTo(floor);
        assertThat(other.fuse(List.of(Reason.of("MISSING_DATE", 1.0), Reason.of("BAYES_99", 6.0))))
                .extracting(Reason::score)
                .containsExactly(1.0, 4.0);

        for (int i = 0; i < 5000; i++) {
            fusion.learn(scan, true);
        }
        double ceiling = total(fusion.fuse(scan));
        assertThat(ceiling)
                .isLessThanOrEqualTo(2.0 + LearnedScoreFusion.CAP + 1.0 + 1e-9)
                .isGreaterThan(before);
    }

    @Test
    void readsTheShippedWeights() {
        java.util.Properties p = new java.util.Properties();
        TRAINED.into(p, FusionWeights.TRAINED);
        FusionWeights back = FusionWeights.from(p, FusionWeights.TRAINED);
        assertThat(back.bias()).isEqualTo(-6.0);
        assertThat(back.k()).isEqualTo(2.0);
        assertThat(back.weights()).isEqualTo(TRAINED.weights());
        assertThat(FusionWeights.from(p, FusionWeights.UNTRAINED).weights()).isEmpty();
        assertThat(FusionWeights.shipped().getProperty("trained.k"))
                .as("shipped resource")
                .isNotNull();
    }

    private static MessageUnderScan fixture(String name) throws IOException {
        try (InputStream in = LearnedScoreFusionTest.class.getResourceAsStream(name)) {
            byte[] raw = in.readAllBytes();
            return new MessageUnderScan(
                    "192.0.2.10",
                    "mail.example.org",
                    "offers@shop.example",
                    List.of("user@example.net"),
                    "example.net",
                    raw,
                    MimeMessageParser.withDefaults().parse(raw));
        }
    }
}
