package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.WhatIfService.Outcome;
import org.filtermx.application.internal.whatif.Rejudge;
import org.filtermx.application.port.LoggedVerdict;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicy.EngineDown;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.infrastructure.filter.FilterEngines;
import org.junit.jupiter.api.Test;

/**
 * The what-if tester re-applies a policy to what the log keeps of a verdict (its total score and
 * reason summary); under the same policy it must reach the pipeline's own decision.
 */
class RejudgeAgreesWithPipelineTest {

    private static final MessageUnderScan MESSAGE =
            new MessageUnderScan(
                    "192.0.2.1",
                    "client.example",
                    "a@sender.example",
                    List.of("b@example.com"),
                    "example.com",
                    new byte[0],
                    new ParsedMessage(List.of(), "", "", List.of(), 1, 0, List.of()));

    private static FilterPipeline pipeline(double score) {
        Scanner s =
                new Scanner() {
                    @Override
                    public String name() {
                        return "rules";
                    }

                    @Override
                    public ScanResult scan(MessageUnderScan message) {
                        return ScanResult.of(new Reason("RULE_HIT", score, ""));
                    }
                };
        return new FilterPipeline(
                new FilterEngines() {
                    @Override
                    public List<Scanner> scanners() {
                        return List.of(s);
                    }
                },
                Duration.ofSeconds(30));
    }

    private static Outcome outcome(Verdict.Action action) {
        return switch (action) {
            case DELIVER -> Outcome.DELIVERED;
            case QUARANTINE -> Outcome.HELD;
            case REJECT -> Outcome.REFUSED;
            case TEMPFAIL -> throw new AssertionError("not judged");
        };
    }

    @Test
    void reachesThePipelinesDecisionFromTheLoggedScoreAndReasons() {
        FilterPolicy policy =
                new FilterPolicy(4.5, 9.0, Set.of(), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);
        List<ListDecision> lists =
                List.of(
                        ListDecision.NONE,
                        new ListDecision(
                                Optional.of("domain example.com allow sender sender.example"),
                                Optional.empty(),
                                false,
                                Optional.empty()),
                        new ListDecision(
                                Optional.empty(),
                                Optional.of("domain example.com block sender sender.example"),
                                false,
                                Optional.empty()),
                        new ListDecision(
                                Optional.empty(), Optional.empty(), true, Optional.empty()),
                        new ListDecision(
                                Optional.empty(),
                                Optional.empty(),
                                false,
                                Optional.of("user b@example.com block recipient b@example.com")));
        int compared = 0;
        for (double score : new double[] {-1, 0, 4.4, 4.5, 4.51, 8.99, 9.0, 30}) {
            for (ListDecision l : lists) {
                Verdict v = pipeline(score).evaluate(MESSAGE, policy, l);
                LoggedVerdict logged =
                        LoggedVerdict.of(
                                1,
                                "example.com",
                                v.score(),
                                LoggedVerdict.flagsOf(v.summary()),
                                "a@sender.example");
                assertThat(Rejudge.outcome(logged, policy, List.of()))
                        .as("score %s, lists %s: %s", score, l, v.summary())
                        .isEqualTo(outcome(v.action()));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(40);
    }
}
