package org.filtermx.application.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.internal.filtering.FilterPipeline;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicy.EngineDown;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.domain.model.filter.Verdict.Action;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0008: one SMTP reply answers for every recipient domain of a transaction. The intake runs
 * with in-memory scanners, policies and store, so each rule of the ADR is checked on the reply and
 * on what would have been stored, without a database or a connector.
 */
class OneReplyForAllDomainsTest {

    private static final FilterPolicy LENIENT =
            new FilterPolicy(5, 50, Set.of(), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);
    private static final FilterPolicy STRICT =
            new FilterPolicy(1, 2, Set.of(), EngineDown.TEMPFAIL, EngineDown.CONTINUE, 14);
    private static final FilterPolicy NEEDS_SPAM_ENGINE =
            new FilterPolicy(5, 50, Set.of(), EngineDown.TEMPFAIL, EngineDown.TEMPFAIL, 14);

    @TempDir Path dir;

    private final List<List<MessageStore.Item>> stored = new ArrayList<>();
    private final List<String> rejectedLog = new ArrayList<>();

    private final MessageStore store =
            new MessageStore() {
                @Override
                public void store(List<Item> items) {
                    stored.add(List.copyOf(items));
                }

                @Override
                public void logRejected(Item item, String reason) {
                    rejectedLog.add(reason);
                }
            };

    private static Scanner scanner(String name, ScanResult result, boolean down) {
        return new Scanner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
                if (down) {
                    throw new ScannerUnavailable(name + " not answering");
                }
                return result;
            }
        };
    }

    /** The scanners, in memory: no MIME parser, no token store, no engines. */
    private static ScannerSet scanners(Scanner... all) {
        return new ScannerSet() {
            @Override
            public ParsedMessage parse(byte[] raw) {
                return new ParsedMessage(List.of(), "", "", List.of(), 1, 0, List.of());
            }

            @Override
            public List<Scanner> scanners() {
                return List.of(all);
            }

            @Override
            public ScoreFusion fusion() {
                return ScoreFusion.SUM;
            }

            @Override
            public void train(ParsedMessage message, boolean spam, String scope) {}

            @Override
            public List<Reason> trainingScan(byte[] crlf, String scope) {
                return List.of();
            }

            @Override
            public boolean isMalwareEngine(Scanner scanner) {
                return scanner.name().equals("clamav");
            }

            @Override
            public Optional<ExternalLearner> externalLearner() {
                return Optional.empty();
            }
        };
    }

    private DefaultMailIntake intake(Map<String, FilterPolicy> policies, Scanner... all) {
        HostedDomainDirectory directory =
                new HostedDomainDirectory() {
                    @Override
                    public Optional<HostedDomain> lookup(String domainName) {
                        return policies.containsKey(domainName)
                                ? Optional.of(
                                        new HostedDomain(domainName, Set.of(), false, List.of()))
                                : Optional.empty();
                    }

                    @Override
                    public void invalidate() {}
                };
        FilterConfiguration configuration =
                new FilterConfiguration() {
                    @Override
                    public FilterPolicy policyFor(String domain) {
                        return policies.get(domain);
                    }

                    @Override
                    public ListDecision lists(
                            String domain, List<String> senders, List<String> recipients) {
                        return ListDecision.NONE;
                    }

                    @Override
                    public void invalidate() {}
                };
        ScannerSet set = scanners(all);
        return new DefaultMailIntake(
                store,
                directory,
                configuration,
                new FilterPipeline(set, Duration.ofSeconds(30)),
                set,
                value -> value);
    }

    private Reply accept(DefaultMailIntake intake, String... recipients) throws IOException {
        Path message =
                Files.writeString(
                        dir.resolve("m.eml"),
                        "From: a@sender.example\r\nSubject: offer\r\n\r\nbody\r\n",
                        StandardCharsets.US_ASCII);
        SmtpSession session =
                new SmtpSession(
                        "s1",
                        Role.INBOUND,
                        "192.0.2.1",
                        "client.example",
                        true,
                        null,
                        null,
                        null,
                        "gw.example");
        Envelope envelope =
                new Envelope(
                        "T1",
                        "a@sender.example",
                        List.of(recipients),
                        null,
                        -1,
                        Instant.parse("2026-12-02T10:00:00Z"));
        return intake.accept(session, envelope, message);
    }

    private static ScanResult spamScore(double score) {
        return ScanResult.of(new Reason("SPAMMY", score, ""));
    }

    @Test
    void aMessageHeldForOneDomainAndRefusedByAnotherIsAcceptedAndTheRefusedPartKept()
            throws IOException {
        Reply reply =
                accept(
                        intake(
                                Map.of("a.example", LENIENT, "b.example", STRICT),
                                scanner("rules", spamScore(10), false)),
                        "x@a.example",
                        "y@b.example");

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.line()).contains("queued as T1-*");
        assertThat(stored)
                .singleElement()
                .satisfies(
                        items -> {
                            assertThat(items)
                                    .extracting(MessageStore.Item::queueId)
                                    .containsExactly("T1-1", "T1-2");
                            assertThat(items)
                                    .extracting(i -> i.verdict().action())
                                    .containsExactly(Action.QUARANTINE, Action.REJECT);
                        });
    }

    @Test
    void whenEveryDomainRefusesTheReplyIs550AndTheCopiesAreStillStored() throws IOException {
        Reply reply =
                accept(
                        intake(
                                Map.of("a.example", STRICT, "b.example", STRICT),
                                scanner("rules", spamScore(10), false)),
                        "x@a.example",
                        "y@b.example");

        assertThat(reply.line()).startsWith("550 5.7.1").contains("spam");
        assertThat(stored).singleElement().satisfies(items -> assertThat(items).hasSize(2));
    }

    @Test
    void aVirusRefusedEverywhereGets554() throws IOException {
        Reply reply =
                accept(
                        intake(
                                Map.of("a.example", LENIENT, "b.example", STRICT),
                                scanner(
                                        "clamav",
                                        ScanResult.malware(
                                                new Reason("VIRUS_FOUND", 1000, "Eicar")),
                                        false)),
                        "x@a.example",
                        "y@b.example");

        assertThat(reply.line()).startsWith("554 5.7.1");
    }

    @Test
    void oneDomainThatNeedsARetryMakesTheWholeTransaction451AndOnlyItsPartIsLogged()
            throws IOException {
        Reply reply =
                accept(
                        intake(
                                Map.of("a.example", LENIENT, "b.example", NEEDS_SPAM_ENGINE),
                                scanner("rspamd", ScanResult.CLEAN, true)),
                        "x@a.example",
                        "y@b.example");

        assertThat(reply.line()).startsWith("451 4.7.1");
        assertThat(stored)
                .singleElement()
                .satisfies(
                        items -> {
                            assertThat(items)
                                    .extracting(MessageStore.Item::queueId)
                                    .containsExactly("T1-2");
                            assertThat(items)
                                    .extracting(i -> i.verdict().action())
                                    .containsExactly(Action.TEMPFAIL);
                        });
    }

    @Test
    void aCleanMessageForOneDomainIsQueuedUnderTheTransactionId() throws IOException {
        Reply reply =
                accept(
                        intake(
                                Map.of("a.example", LENIENT),
                                scanner("rules", ScanResult.CLEAN, false)),
                        "x@a.example",
                        "z@a.example");

        assertThat(reply.line()).isEqualTo("250 2.0.0 Ok: queued as T1");
        assertThat(stored)
                .singleElement()
                .satisfies(
                        items ->
                                assertThat(items)
                                        .singleElement()
                                        .satisfies(
                                                i ->
                                                        assertThat(i.verdict().action())
                                                                .isEqualTo(Action.DELIVER)));
    }
}
