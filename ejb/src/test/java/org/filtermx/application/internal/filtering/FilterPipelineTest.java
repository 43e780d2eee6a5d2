package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.filtermx.application.internal.filtering.FilterPipeline.Judged;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicy.EngineDown;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.filter.Verdict.Action;
import org.filtermx.infrastructure.filter.FilterEngines;
import org.filtermx.infrastructure.filter.fusion.FusionWeights;
import org.filtermx.infrastructure.filter.fusion.LearnedScoreFusion;
import org.junit.jupiter.api.Test;

class FilterPipelineTest {

    private static final MessageUnderScan MESSAGE =
            new MessageUnderScan(
                    "192.0.2.1",
                    "client.example",
                    "a@sender.example",
                    List.of("b@example.com"),
                    "example.com",
                    new byte[0],
                    new ParsedMessage(List.of(), "", "", List.of(), 1, 0, List.of()));

    private static Scanner scoring(String name, double score) {
        return scanner(
                name, () -> ScanResult.of(new Reason(name.toUpperCase() + "_HIT", score, "")));
    }

    interface Result {
        ScanResult get() throws ScannerUnavailable;
    }

    private static Scanner scanner(String name, Result result) {
        return new Scanner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
                return result.get();
            }
        };
    }

    private static FilterPipeline pipeline(Scanner... scanners) {
        return pipeline(Duration.ofSeconds(60), scanners);
    }

    private static FilterPipeline pipeline(Duration budget, Scanner... scanners) {
        return new FilterPipeline(
                new FilterEngines() {
                    @Override
                    public List<Scanner> scanners() {
                        return List.of(scanners);
                    }
                },
                budget);
    }

    /** A built-in scanner stuck in a loop that checks for interrupts, as the real ones do. */
    private static Scanner spinning(String name) {
        return scanner(
                name,
                () -> {
                    while (true) {
                        ScanInterrupted.checkpoint();
                    }
                });
    }

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void stopsARunawaySpamScannerAtTheBudgetAndCarriesOnWithoutIt() {
        Scanner after = scoring("after", 3);
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    Verdict verdict =
                            pipeline(SHORT, scoring("before", 6), spinning("bayes"), after)
                                    .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE);
                    assertThat(verdict.action()).isEqualTo(Action.QUARANTINE);
                    assertThat(verdict.reasons())
                            .extracting(Reason::rule)
                            .containsExactly(
                                    "BEFORE_HIT", "ENGINE_DOWN_BAYES", "ENGINE_DOWN_AFTER");
                    assertThat(verdict.reasons().get(1).detail()).contains("time budget");
                    assertThat(Thread.currentThread().isInterrupted()).isFalse();
                });
    }

    @Test
    void aRunawayVirusScannerFailsTheMessageTemporarily() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    Verdict verdict =
                            pipeline(SHORT, spinning("clamav"))
                                    .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE);
                    assertThat(verdict.action()).isEqualTo(Action.TEMPFAIL);
                    assertThat(verdict.reasons())
                            .extracting(Reason::rule)
                            .containsExactly("ENGINE_DOWN_CLAMAV");
                    assertThat(Thread.currentThread().isInterrupted()).isFalse();
                });
    }

    @Test
    void aVirusScannerNotStartedBeforeTheBudgetRanOutCountsAsDown() {
        Scanner slow =
                scanner(
                        "slow",
                        () -> {
                            long until = System.nanoTime() + SHORT.toNanos() * 2;
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait(); // ignores the interrupt: its late answer is
                                // not used
                            }
                            return ScanResult.of(new Reason("SLOW_HIT", -50, ""));
                        });
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    Verdict verdict =
                            pipeline(SHORT, slow, scoring("clamav", 0))
                                    .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE);
                    assertThat(verdict.action()).isEqualTo(Action.TEMPFAIL);
                    assertThat(Thread.currentThread().isInterrupted()).isFalse();
                });
    }

    @Test
    void aScanWithinTheBudgetLeavesNoInterruptBehind() throws Exception {
        Verdict verdict =
                pipeline(SHORT, scoring("a", 1))
                        .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE);
        Thread.sleep(SHORT.toMillis() * 2);
        assertThat(verdict.action()).isEqualTo(Action.DELIVER);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static ListDecision allowedSender() {
        return new ListDecision(
                Optional.of("domain allow sender x"), Optional.empty(), false, Optional.empty());
    }

    @Test
    void comparesTheSummedScoreWithTheThresholds() {
        assertThat(
                        pipeline(scoring("a", 2), scoring("b", 2))
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE)
                                .action())
                .isEqualTo(Action.DELIVER);
        assertThat(
                        pipeline(scoring("a", 3), scoring("b", 2))
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE)
                                .action())
                .isEqualTo(Action.QUARANTINE);
        assertThat(
                        pipeline(scoring("a", 20))
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE)
                                .action())
                .isEqualTo(Action.REJECT);
    }

    @Test
    void judgesTheFusedScoresAndLeavesTheListsReasonsAlone() {
        FusionWeights weights =
                new FusionWeights(-3, 1.0, java.util.Map.of("A_HIT", 2.5, "B_HIT", 2.5));
        ScoreFusion fusion = new LearnedScoreFusion(weights, weights, null);
        FilterPipeline fused =
                new FilterPipeline(
                        new FilterEngines() {
                            @Override
                            public List<Scanner> scanners() {
                                return List.of(scoring("a", 1), scoring("b", 1), scoring("c", 0.5));
                            }

                            @Override
                            public ScoreFusion fusion() {
                                return fusion;
                            }
                        },
                        Duration.ofSeconds(60));
        Verdict held = fused.evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE);
        assertThat(held.action()).isEqualTo(Action.QUARANTINE);
        assertThat(held.score()).isEqualTo(5.5);
        assertThat(held.reasons())
                .extracting(Reason::toString)
                .containsExactly("A_HIT +2.5", "B_HIT +2.5", "C_HIT +0.5");
        Verdict blocked =
                fused.evaluate(
                        MESSAGE,
                        FilterPolicy.DEFAULTS,
                        new ListDecision(
                                Optional.empty(), Optional.of("block"), false, Optional.empty()));
        assertThat(blocked.reasons()).extracting(Reason::rule).contains("SENDER_BLOCKLISTED");
        assertThat(blocked.score()).isEqualTo(105.5);
    }

    @Test
    void anAllowListedSenderIsDeliveredWhateverTheScoreButNotAVirus() {
        assertThat(
                        pipeline(scoring("a", 1000))
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, allowedSender())
                                .action())
                .isEqualTo(Action.DELIVER);
        Scanner virus =
                scanner(
                        "clamav",
                        () -> ScanResult.malware(new Reason("VIRUS_FOUND", 1000, "Eicar")));
        assertThat(
                        pipeline(virus)
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, allowedSender())
                                .action())
                .isEqualTo(Action.REJECT);
    }

    @Test
    void allowListedRecipientsSkipSpamScannersButNotTheVirusScanner() {
        ListDecision abuseMailbox =
                new ListDecision(Optional.empty(), Optional.empty(), true, Optional.empty());
        assertThat(
                        pipeline(scoring("a", 1000))
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, abuseMailbox)
                                .action())
                .isEqualTo(Action.DELIVER);
        Scanner virus =
                scanner(
                        "clamav",
                        () -> ScanResult.malware(new Reason("VIRUS_FOUND", 1000, "Eicar")));
        assertThat(pipeline(virus).evaluate(MESSAGE, FilterPolicy.DEFAULTS, abuseMailbox).malware())
                .isTrue();
    }

    @Test
    void blockListsRefuse() {
        ListDecision blockedSender =
                new ListDecision(Optional.empty(), Optional.of("block"), false, Optional.empty());
        ListDecision blockedRecipient =
                new ListDecision(Optional.empty(), Optional.empty(), false, Optional.of("block"));
        assertThat(pipeline().evaluate(MESSAGE, FilterPolicy.DEFAULTS, blockedSender).action())
                .isEqualTo(Action.REJECT);
        assertThat(pipeline().evaluate(MESSAGE, FilterPolicy.DEFAULTS, blockedRecipient).action())
                .isEqualTo(Action.REJECT);
    }

    @Test
    void anEngineThatIsDownFollowsThePolicyForItsKind() {
        Scanner clamdDown =
                scanner(
                        "clamav",
                        () -> {
                            throw new ScannerUnavailable("connection refused");
                        });
        Scanner rspamdDown =
                scanner(
                        "rspamd",
                        () -> {
                            throw new ScannerUnavailable("timeout");
                        });
        assertThat(
                        pipeline(clamdDown)
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE)
                                .action())
                .isEqualTo(Action.TEMPFAIL);
        var carryOn =
                pipeline(rspamdDown).evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE);
        assertThat(carryOn.action()).isEqualTo(Action.DELIVER);
        assertThat(carryOn.summary()).contains("ENGINE_DOWN_RSPAMD");
        FilterPolicy lenient =
                new FilterPolicy(5, 15, Set.of(), EngineDown.CONTINUE, EngineDown.CONTINUE, 14);
        assertThat(pipeline(clamdDown).evaluate(MESSAGE, lenient, ListDecision.NONE).action())
                .isEqualTo(Action.DELIVER);
    }

    @Test
    void aBrokenVirusScannerNeverLetsMailPassUnscanned() {
        Scanner broken =
                scanner(
                        "clamav",
                        () -> {
                            throw new IllegalStateException("bug");
                        });
        assertThat(
                        pipeline(broken)
                                .evaluate(MESSAGE, FilterPolicy.DEFAULTS, ListDecision.NONE)
                                .action())
                .isEqualTo(Action.TEMPFAIL);
    }

    @Test
    void disabledScannersDoNotRun() {
        FilterPolicy noA =
                new FilterPolicy(5, 15, Set.of("a"), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);
        assertThat(pipeline(scoring("a", 1000)).evaluate(MESSAGE, noA, ListDecision.NONE).action())
                .isEqualTo(Action.DELIVER);
    }

    private static Scanner counting(
            String name, double score, AtomicInteger runs, boolean perDomain) {
        return new Scanner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ScanResult scan(MessageUnderScan message) {
                runs.incrementAndGet();
                return ScanResult.of(
                        new Reason(name.toUpperCase() + "_HIT", score, message.recipientDomain()));
            }

            @Override
            public String variantFor(String recipientDomain) {
                return perDomain ? recipientDomain : "";
            }
        };
    }

    @Test
    void scansOnceForEveryPolicyAndDecidesPerPolicy() {
        AtomicInteger runs = new AtomicInteger();
        FilterPolicy strict =
                new FilterPolicy(2, 15, Set.of(), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);
        List<Judged> policies =
                List.of(
                        new Judged("a.example", FilterPolicy.DEFAULTS, ListDecision.NONE),
                        new Judged("b.example", strict, ListDecision.NONE),
                        new Judged("a.example", FilterPolicy.DEFAULTS, allowedSender()));

        var verdicts = pipeline(counting("rspamd", 3, runs, false)).evaluate(MESSAGE, policies);

        assertThat(verdicts)
                .extracting(v -> v.action())
                .containsExactly(Action.DELIVER, Action.QUARANTINE, Action.DELIVER);
        assertThat(runs).as("one scan for three policies").hasValue(1);
    }

    @Test
    void aScannerThatDependsOnTheDomainRunsOncePerVariant() {
        AtomicInteger runs = new AtomicInteger();
        List<Judged> policies =
                List.of(
                        new Judged("a.example", FilterPolicy.DEFAULTS, ListDecision.NONE),
                        new Judged("b.example", FilterPolicy.DEFAULTS, ListDecision.NONE),
                        new Judged("a.example", FilterPolicy.DEFAULTS, allowedSender()));

        var verdicts = pipeline(counting("bayes", 1, runs, true)).evaluate(MESSAGE, policies);

        assertThat(runs).hasValue(2);
        assertThat(verdicts.get(1).reasons().get(0).detail()).isEqualTo("b.example");
    }

    @Test
    void anEngineFailureIsRememberedAndEachPolicyAppliesItsOwnRule() {
        AtomicInteger runs = new AtomicInteger();
        Scanner clamdDown =
                scanner(
                        "clamav",
                        () -> {
                            runs.incrementAndGet();
                            throw new ScannerUnavailable("connection refused");
                        });
        FilterPolicy lenient =
                new FilterPolicy(5, 15, Set.of(), EngineDown.CONTINUE, EngineDown.CONTINUE, 14);
        List<Judged> policies =
                List.of(
                        new Judged("a.example", lenient, ListDecision.NONE),
                        new Judged("b.example", FilterPolicy.DEFAULTS, ListDecision.NONE));

        var verdicts = pipeline(clamdDown).evaluate(MESSAGE, policies);

        assertThat(verdicts)
                .extracting(v -> v.action())
                .containsExactly(Action.DELIVER, Action.TEMPFAIL);
        assertThat(runs).hasValue(1);
    }

    @Test
    void scannersSkippedByEveryPolicyDoNotRun() {
        AtomicInteger runs = new AtomicInteger();
        ListDecision abuseMailbox =
                new ListDecision(Optional.empty(), Optional.empty(), true, Optional.empty());
        List<Judged> policies =
                List.of(
                        new Judged("a.example", FilterPolicy.DEFAULTS, abuseMailbox),
                        new Judged("b.example", FilterPolicy.DEFAULTS, abuseMailbox));

        pipeline(counting("rspamd", 3, runs, false)).evaluate(MESSAGE, policies);

        assertThat(runs).hasValue(0);
    }
}
