package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.infrastructure.filter.FilterEngines;
import org.filtermx.infrastructure.filter.bayes.BayesScanner;
import org.filtermx.infrastructure.filter.bayes.InMemoryTokenStore;
import org.filtermx.infrastructure.filter.bayes.Trainer;
import org.filtermx.infrastructure.filter.content.HeaderSanityScanner;
import org.filtermx.infrastructure.filter.content.HeaderSanitySettings;
import org.junit.jupiter.api.Test;

class ClassifierTrainingTest {

    private static final String[] SPAM_WORDS = {
        "pills", "casino", "winner", "offer", "bonus", "cheap", "viagra", "loan"
    };
    private static final String[] HAM_WORDS = {
        "meeting", "agenda", "report", "minutes", "draft", "review", "budget", "team"
    };

    /** What the fusion was asked to learn, in order. */
    private record Learnt(List<Reason> reasons, boolean spam) {}

    private static String message(Random random, String[] words, String subject) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append(words[random.nextInt(words.length)]).append(i % 10 == 9 ? "\r\n" : " ");
        }
        return "From: Someone <someone@sender.example>\r\nTo: user@example.com\r\nSubject: "
                + subject
                + "\r\nDate: Wed, 02 Dec 2026 10:00:00 +0000\r\nMessage-ID: <"
                + random.nextLong()
                + "@sender.example>\r\n\r\n"
                + body;
    }

    @Test
    void theFusionLearnsFromTheScanAsItWasBeforeBayesLearntTheMessage() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        Trainer trainer = new Trainer(store);
        BayesScanner bayes = new BayesScanner(store);
        List<Learnt> learnt = new ArrayList<>();
        ScoreFusion recording =
                new ScoreFusion() {
                    @Override
                    public List<Reason> fuse(List<Reason> reasons) {
                        return reasons;
                    }

                    @Override
                    public void learn(List<Reason> reasons, boolean spam) {
                        learnt.add(new Learnt(List.copyOf(reasons), spam));
                    }
                };
        FilterEngines engines =
                new FilterEngines() {
                    @Override
                    public List<Scanner> scanners() {
                        return List.of(
                                new HeaderSanityScanner(HeaderSanitySettings.defaults()), bayes);
                    }

                    @Override
                    public void train(ParsedMessage message, boolean spam, String scope) {
                        trainer.train(message, spam, scope);
                    }

                    @Override
                    public ScoreFusion fusion() {
                        return recording;
                    }

                    @Override
                    public Optional<ExternalLearner> externalLearner() {
                        return Optional.empty();
                    }

                    @Override
                    public TrainingRun startTraining() {
                        return ScannerSet.oneAtATime(this);
                    }
                };
        ClassifierTraining training = new ClassifierTraining(engines);
        Random random = new Random(12);
        for (int i = 0; i < BayesScanner.MIN_TRAINED; i++) {
            training.learn(
                    message(random, SPAM_WORDS, "Offer").getBytes(StandardCharsets.UTF_8),
                    true,
                    "",
                    false);
            training.learn(
                    message(random, HAM_WORDS, "Notes").getBytes(StandardCharsets.UTF_8),
                    false,
                    "",
                    false);
        }
        assertThat(learnt).hasSize(2 * BayesScanner.MIN_TRAINED);
        assertThat(learnt.get(learnt.size() - 1).reasons())
                .as("silent until trained on 200 of each")
                .noneMatch(r -> r.rule().startsWith("BAYES_"));

        // Ham words taught as spam: the fusion sees bayes' verdict from before, a ham band.
        byte[] odd = message(random, HAM_WORDS, "Notes").getBytes(StandardCharsets.UTF_8);
        training.learn(odd, true, "", false);
        Learnt last = learnt.get(learnt.size() - 1);
        assertThat(last.spam()).isTrue();
        assertThat(last.reasons()).extracting(Reason::rule).containsExactly("BAYES_00");

        // A mixed message moves when trained: the fusion saw the probability from before.
        String[] mixed = {"pills", "casino", "meeting", "agenda"};
        byte[] undecided = message(random, mixed, "Notes").getBytes(StandardCharsets.UTF_8);
        var parsed = engines.parse(Crlf.normalize(undecided));
        double before = bayes.spamProbability(parsed, "");
        training.learn(undecided, true, "", false);
        double after = bayes.spamProbability(parsed, "");
        assertThat(Math.abs(after - before)).isGreaterThan(1e-3);
        Reason seen = learnt.get(learnt.size() - 1).reasons().get(0);
        assertThat(seen.detail())
                .isEqualTo(String.format(java.util.Locale.ROOT, "spam probability %.4f", before));

        // A domain's training stays with the domain: the cluster-wide fusion does not move.
        int steps = learnt.size();
        training.learn(
                message(random, SPAM_WORDS, "Offer").getBytes(StandardCharsets.UTF_8),
                true,
                "tenant.example",
                false);
        assertThat(learnt).hasSize(steps);
    }
}
