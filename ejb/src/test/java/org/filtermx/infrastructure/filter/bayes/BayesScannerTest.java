package org.filtermx.infrastructure.filter.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.junit.jupiter.api.Test;

class BayesScannerTest {

    private static final String SPAM =
            "From: Deals <promo@bulk-offers.test>\nSubject: Cheap pills, no prescription\n"
                    + "Content-Type: text/html\n\n"
                    + "<font color=red>Buy cheap pills</font> now! Limited offer, act today"
                    + " <a href=\"http://pills.bulk-offers.test/buy\">click here</a>\n";
    private static final String HAM =
            "From: Alice <alice@colleague.test>\nSubject: Minutes of the project meeting\n"
                    + "Message-ID: <1@colleague.test>\n\n"
                    + "Hi team, attached are the minutes of Tuesday's meeting about the"
                    + " release schedule. Please review the action items before Friday.\n";

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final Trainer trainer = new Trainer(store);
    private final BayesScanner scanner = new BayesScanner(store);

    private static MessageUnderScan underScan(ParsedMessage parsed, String domain) {
        return new MessageUnderScan(
                "192.0.2.1",
                "client.test",
                "sender@client.test",
                List.of("user@" + domain),
                domain,
                "raw".getBytes(StandardCharsets.US_ASCII),
                parsed);
    }

    private void train(int spam, int ham, String scope) {
        for (int i = 0; i < spam; i++) {
            trainer.train(TestMessages.parse(SPAM + "variant" + i + "\n"), true, scope);
        }
        for (int i = 0; i < ham; i++) {
            trainer.train(TestMessages.parse(HAM + "variant" + i + "\n"), false, scope);
        }
    }

    private Reason only(ScanResult result) {
        assertThat(result.reasons()).hasSize(1);
        assertThat(result.malware()).isFalse();
        return result.reasons().get(0);
    }

    @Test
    void isNamedBayes() {
        assertThat(scanner.name()).isEqualTo("bayes");
    }

    @Test
    void staysSilentUntilTwoHundredOfEachAreTrained() throws Exception {
        train(BayesScanner.MIN_TRAINED, BayesScanner.MIN_TRAINED - 1, "");

        assertThat(scanner.scan(underScan(TestMessages.parse(SPAM), "customer.test")))
                .isEqualTo(ScanResult.CLEAN);
    }

    @Test
    void reportsSpamInTheTopBandAndHamInTheBottomBand() throws Exception {
        train(200, 200, "");

        Reason spam = only(scanner.scan(underScan(TestMessages.parse(SPAM), "customer.test")));
        Reason ham = only(scanner.scan(underScan(TestMessages.parse(HAM), "customer.test")));

        assertThat(spam.rule()).isEqualTo("BAYES_999");
        assertThat(spam.score()).isEqualTo(6.5);
        assertThat(spam.detail()).startsWith("spam probability ");
        assertThat(ham.rule()).isEqualTo("BAYES_00");
        assertThat(ham.score()).isEqualTo(-1.9);
    }

    @Test
    void addsATrainedDomainsOwnCountsToTheGlobalOnes() throws Exception {
        train(200, 200, "");
        // This domain's users want the bulk offers: its own training calls them ham.
        for (int i = 0; i < 300; i++) {
            trainer.train(TestMessages.parse(SPAM + "keep" + i + "\n"), false, "likes-offers.test");
        }
        for (int i = 0; i < ScopedStatistics.DOMAIN_MINIMUM; i++) {
            trainer.train(TestMessages.parse(HAM + "odd" + i + "\n"), true, "likes-offers.test");
        }

        double elsewhere = scanner.spamProbability(TestMessages.parse(SPAM), "customer.test");
        double there = scanner.spamProbability(TestMessages.parse(SPAM), "likes-offers.test");

        assertThat(elsewhere).isGreaterThan(0.99);
        // Summed, not replaced: the domain's dissent turns a sure verdict into "unsure".
        assertThat(there).isLessThanOrEqualTo(0.5);
    }

    @Test
    void trainsTheRegressionWeightsOfTheScopeItNamesOnly() {
        ParsedMessage spam = TestMessages.parse(SPAM);
        long[] features = new CharacterGrams().of(spam);

        trainer.train(spam, true, "customer.test");

        assertThat(store.weights("customer.test", features)).hasSize(features.length);
        assertThat(store.weights("", features)).isEmpty();
    }

    @Test
    void ignoresADomainWithTooLittleTrainingOfItsOwn() {
        train(200, 200, "");
        for (int i = 0; i < 300; i++) {
            trainer.train(TestMessages.parse(SPAM + "keep" + i + "\n"), false, "new.test");
        }

        assertThat(scanner.spamProbability(TestMessages.parse(SPAM), "new.test"))
                .isGreaterThan(0.99);
    }

    @Test
    void untrainingRestoresThePreviousJudgement() {
        train(200, 200, "");
        double before = scanner.spamProbability(TestMessages.parse(SPAM), "");
        double beforeCounts = scanner.learnerProbabilities(TestMessages.parse(SPAM), "")[0];
        ParsedMessage mistake = TestMessages.parse(SPAM + "mislabelled\n");
        for (int i = 0; i < 50; i++) {
            trainer.train(mistake, false, "");
        }
        for (int i = 0; i < 50; i++) {
            trainer.untrain(mistake, false, "");
        }

        double[] after = scanner.learnerProbabilities(TestMessages.parse(SPAM), "");
        assertThat(after[0]).isEqualTo(beforeCounts);
        assertThat(BayesBand.of(scanner.spamProbability(TestMessages.parse(SPAM), "")))
                .isEqualTo(BayesBand.of(before));
    }

    @Test
    void reportsAFailingStoreAsUnavailable() {
        TokenStore down =
                new TokenStore() {
                    @Override
                    public TokenStatistics counts(String scope, Collection<String> tokens) {
                        throw new TokenStoreException("connection refused", null);
                    }

                    @Override
                    public void learn(String scope, Collection<String> tokens, boolean spam) {}

                    @Override
                    public void unlearn(String scope, Collection<String> tokens, boolean spam) {}

                    @Override
                    public Map<Long, Double> weights(String scope, long[] features) {
                        throw new TokenStoreException("connection refused", null);
                    }

                    @Override
                    public void addWeights(String scope, Map<Long, Double> deltas) {}

                    @Override
                    public void apply(String scope, TrainingChanges changes) {}
                };

        assertThatThrownBy(
                        () ->
                                new BayesScanner(down)
                                        .scan(underScan(TestMessages.parse(HAM), "customer.test")))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("connection refused");
    }

    @Test
    void neverCallsAMessageOfUnseenTokensCertainHam() throws Exception {
        train(200, 200, "");
        String stranger =
                "From: Viktor <offers@far-away.example>\nSubject: Quarterly dividend statement\n\n"
                        + "Esteemed shareholder, enclosed please find the quarterly dividend"
                        + " statement together with remittance instructions. Kindly verify"
                        + " beneficiary particulars promptly; unclaimed distributions revert"
                        + " after ninety days pursuant to regulation.\n";

        Reason reason =
                only(scanner.scan(underScan(TestMessages.parse(stranger), "customer.test")));

        assertThat(reason.rule()).isNotIn("BAYES_00", "BAYES_05");
        assertThat(reason.score()).isZero();
        assertThat(scanner.spamProbability(TestMessages.parse(stranger), "customer.test"))
                .isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.1));
    }
}
