package org.filtermx.application.internal.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.internal.filtering.FilterPipeline;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.HeaderField;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScoreFusion;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outgoing intake with in-memory collaborators: who may send, what is refused, what is held and
 * reported, and what goes out signed, checked on the reply and on what would be stored.
 */
class DefaultSubmissionIntakeTest {

    private static final OutgoingSender USER =
            new OutgoingSender(3, "shop.example", "alice", "", true, "admin@shop.example");
    private static final SmtpSession AUTHENTICATED =
            new SmtpSession(
                    "s1",
                    Role.SUBMISSION,
                    "192.0.2.10",
                    "laptop",
                    true,
                    "TLSv1.3",
                    "TLS_AES_128_GCM_SHA256",
                    "alice",
                    "gw.example");

    @TempDir Path dir;

    private final List<List<MessageStore.Item>> stored = new ArrayList<>();
    private final List<String> rejectedLog = new ArrayList<>();
    private final List<Object[]> held = new ArrayList<>();
    private final List<String> signedFor = new ArrayList<>();
    private Optional<OutgoingSender> identified = Optional.of(USER);
    private Optional<Reply> admission = Optional.empty();
    private double score;
    private boolean virus;
    private String keyDomain = "brand.example";

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

    private final OutboundHold hold =
            new OutboundHold() {
                @Override
                public Held hold(
                        MessageStore.Item blocked,
                        OutgoingSender sender,
                        boolean lock,
                        AbuseReport.Facts facts,
                        Instant now) {
                    held.add(new Object[] {blocked, lock, facts});
                    return new Held(lock && sender.autoLock(), true);
                }
            };

    private final OutgoingPolicy policy =
            new OutgoingPolicy() {
                public AuthDecision authenticate(SmtpSession s, String u, String p) {
                    throw new UnsupportedOperationException();
                }

                public Reply sender(SmtpSession s, String reversePath) {
                    throw new UnsupportedOperationException();
                }

                public RecipientDecision recipient(SmtpSession s, String r, String rcpt) {
                    throw new UnsupportedOperationException();
                }

                public Optional<OutgoingSender> identify(
                        SmtpSession s, String reversePath, UnaryOperator<String> header) {
                    return identified;
                }

                public Optional<Reply> admit(OutgoingSender sender, int recipients) {
                    return admission;
                }

                public boolean lockForSpam(OutgoingSender sender, String reason) {
                    throw new UnsupportedOperationException("the hold locks");
                }

                public void closed(SmtpSession s) {}
            };

    private DefaultSubmissionIntake intake() {
        Scanner content =
                new Scanner() {
                    public String name() {
                        return "rules";
                    }

                    public ScanResult scan(MessageUnderScan m) {
                        return score == 0
                                ? ScanResult.CLEAN
                                : ScanResult.of(new Reason("PHISHING_LINK", score, ""));
                    }
                };
        Scanner spf =
                new Scanner() {
                    public String name() {
                        return "spf";
                    }

                    public ScanResult scan(MessageUnderScan m) {
                        // The client is the customer's own server: SPF must not judge it here.
                        return ScanResult.of(new Reason("SPF_FAIL", 50, ""));
                    }
                };
        Scanner clamav =
                new Scanner() {
                    public String name() {
                        return "clamav";
                    }

                    public ScanResult scan(MessageUnderScan m) {
                        return virus
                                ? new ScanResult(List.of(new Reason("VIRUS", 0, "Eicar")), true)
                                : ScanResult.CLEAN;
                    }
                };
        ScannerSet set =
                new ScannerSet() {
                    public ParsedMessage parse(byte[] raw) {
                        return new ParsedMessage(
                                List.of(
                                        new HeaderField("From", "Alice <alice@brand.example>"),
                                        new HeaderField("Subject", "hello")),
                                "",
                                "",
                                List.of(),
                                1,
                                0,
                                List.of());
                    }

                    public List<Scanner> scanners() {
                        return List.of(spf, content, clamav);
                    }

                    public ScoreFusion fusion() {
                        return ScoreFusion.SUM;
                    }

                    public void train(ParsedMessage message, boolean spam, String scope) {}

                    public List<Reason> trainingScan(byte[] crlf, String scope) {
                        return List.of();
                    }

                    public boolean isMalwareEngine(Scanner scanner) {
                        return scanner.name().equals("clamav");
                    }

                    public Optional<ExternalLearner> externalLearner() {
                        return Optional.empty();
                    }
                };
        HostedDomainDirectory directory =
                new HostedDomainDirectory() {
                    public Optional<HostedDomain> lookup(String name) {
                        return Set.of("shop.example", "brand.example").contains(name)
                                ? Optional.of(new HostedDomain(name, Set.of(), false, List.of()))
                                : Optional.empty();
                    }

                    public void invalidate() {}
                };
        FilterConfiguration configuration =
                new FilterConfiguration() {
                    public FilterPolicy policyFor(String domain) {
                        return FilterPolicy.DEFAULTS;
                    }

                    public ListDecision lists(String d, List<String> s, List<String> r) {
                        throw new AssertionError("lists judge incoming mail only");
                    }

                    public void invalidate() {}
                };
        OutboundThresholds thresholds =
                new OutboundThresholds(null, null) {
                    @Override
                    public Thresholds of(String domain) {
                        return new Thresholds(5, 10);
                    }
                };
        return new DefaultSubmissionIntake(
                policy,
                thresholds,
                hold,
                store,
                configuration,
                directory,
                new FilterPipeline(set, Duration.ofSeconds(30)),
                set,
                v -> v,
                (domain, message) -> {
                    signedFor.add(domain);
                    return domain.equals(keyDomain)
                            ? Optional.of("DKIM-Signature: v=1; d=" + domain + "; b=x\r\n")
                            : Optional.empty();
                });
    }

    private Reply send(SmtpSession session, String... recipients) throws IOException {
        Path message =
                Files.writeString(
                        dir.resolve("m.eml"),
                        "From: Alice <alice@brand.example>\r\nSubject: hello\r\n\r\nhi\r\n",
                        StandardCharsets.US_ASCII);
        Envelope envelope =
                new Envelope(
                        "T1",
                        "alice@shop.example",
                        List.of(recipients),
                        null,
                        -1,
                        Instant.parse("2026-12-02T10:00:00Z"));
        return intake().accept(session, envelope, message);
    }

    private static String text(MessageStore.Item item) {
        byte[] head = item.content().head();
        byte[] body = item.content().body();
        return new String(head, StandardCharsets.US_ASCII)
                + new String(body, StandardCharsets.US_ASCII);
    }

    @Test
    void signsQueuesAndStoresCleanMailOnePartPerRecipientDomain() throws IOException {
        Reply reply = send(AUTHENTICATED, "bob@remote.test", "carol@remote.test", "dan@else.test");

        assertThat(reply.line()).isEqualTo("250 2.0.0 Ok: queued as T1-*");
        assertThat(stored).hasSize(1);
        List<MessageStore.Item> parts = stored.get(0);
        assertThat(parts)
                .extracting(MessageStore.Item::targetDomain)
                .containsExactly("remote.test", "else.test");
        assertThat(parts).allMatch(i -> i.direction() == Direction.OUTBOUND);
        assertThat(parts).allMatch(i -> i.logDomain().equals("shop.example"));
        assertThat(parts).allMatch(i -> i.verdict().action() == Verdict.Action.DELIVER);
        // One body array shared by the parts, so it is stored once.
        assertThat(parts.get(0).content().body()).isSameAs(parts.get(1).content().body());
        String first = text(parts.get(0));
        assertThat(first)
                .startsWith("DKIM-Signature: v=1; d=brand.example; b=x\r\nReceived: from laptop")
                .contains("with ESMTPSA")
                // RFC 6409 section 8.3: the MSA adds what the client left out.
                .contains("\r\nDate: Wed, 2 Dec 2026 10:00:00 +0000\r\nMessage-ID: <")
                .endsWith("From: Alice <alice@brand.example>\r\nSubject: hello\r\n\r\nhi\r\n");
        assertThat(signedFor).containsExactly("brand.example");
        assertThat(held).isEmpty();
        assertThat(parts.get(0).headers().messageId())
                .as("the log keeps the Message-ID the gateway added")
                .isNotNull()
                .endsWith("@gw.example");
    }

    @Test
    void ignoresSenderAuthenticationScannersOnTheOutgoingPath() throws IOException {
        assertThat(send(AUTHENTICATED, "bob@remote.test").code()).isEqualTo(250);

        assertThat(stored.get(0).get(0).verdict().score()).isZero();
    }

    @Test
    void refusesWithoutAnOutgoingUser() throws IOException {
        identified = Optional.empty();
        SmtpSession anonymous =
                new SmtpSession(
                        "s2", Role.SUBMISSION, "192.0.2.99", "x", true, null, null, null, "gw");

        assertThat(send(anonymous, "bob@remote.test").line()).startsWith("530 5.7.0");
        assertThat(send(AUTHENTICATED, "bob@remote.test").line()).startsWith("451 4.7.0");
        assertThat(stored).isEmpty();
    }

    @Test
    void answersTheLimitsRefusalAndLogsIt() throws IOException {
        admission = Optional.of(Reply.of(451, "4.7.1", "Too many messages this hour"));

        assertThat(send(AUTHENTICATED, "bob@remote.test").line())
                .isEqualTo("451 4.7.1 Too many messages this hour");
        assertThat(rejectedLog).containsExactly("451 4.7.1 Too many messages this hour");
        assertThat(stored).isEmpty();
    }

    @Test
    void blocksSpamAtTheOutboundThresholdWithoutLocking() throws IOException {
        score = 6;

        Reply reply = send(AUTHENTICATED, "bob@remote.test");

        assertThat(reply.line())
                .isEqualTo("550 5.7.1 Message blocked as spam by the outgoing filter");
        assertThat(held).hasSize(1);
        MessageStore.Item blocked = (MessageStore.Item) held.get(0)[0];
        assertThat(blocked.verdict().action()).isEqualTo(Verdict.Action.REJECT);
        assertThat(blocked.direction()).isEqualTo(Direction.OUTBOUND);
        // Held signed, so that a release goes out signed; the report shows it as submitted.
        assertThat(text(blocked)).startsWith("DKIM-Signature: v=1; d=brand.example; b=x\r\n");
        assertThat(held.get(0)[1]).isEqualTo(false);
        AbuseReport.Facts facts = (AbuseReport.Facts) held.get(0)[2];
        assertThat(facts.sourceIp()).isEqualTo("192.0.2.10");
        assertThat(facts.recipients()).containsExactly("bob@remote.test");
        assertThat(new String(facts.message(), StandardCharsets.US_ASCII))
                .startsWith("Received: from laptop");
        assertThat(stored).isEmpty();
    }

    @Test
    void locksAtTheLockThresholdAndSaysWhomToContact() throws IOException {
        score = 12;

        Reply reply = send(AUTHENTICATED, "bob@remote.test");

        assertThat(reply.line())
                .isEqualTo(
                        "550 5.7.1 Message blocked as spam by the outgoing filter; the account is"
                                + " now locked, contact admin@shop.example");
        assertThat(held.get(0)[1]).isEqualTo(true);
    }

    @Test
    void alwaysBlocksAVirus() throws IOException {
        virus = true;

        assertThat(send(AUTHENTICATED, "bob@remote.test").line())
                .isEqualTo("554 5.7.1 Message blocked by the outgoing filter: virus found");
        assertThat(((AbuseReport.Facts) held.get(0)[2]).virus()).isTrue();
    }

    @Test
    void signsWithTheSendersDomainWhenTheFromDomainHasNoKey() throws IOException {
        keyDomain = "shop.example";

        assertThat(send(AUTHENTICATED, "bob@remote.test").code()).isEqualTo(250);

        assertThat(signedFor).containsExactly("brand.example", "shop.example");
        assertThat(text(stored.get(0).get(0)))
                .startsWith("DKIM-Signature: v=1; d=shop.example; b=x\r\nReceived: ");
    }

    @Test
    void sendsUnsignedWhenNeitherDomainHasAKey() throws IOException {
        keyDomain = "nobody.example";

        assertThat(send(AUTHENTICATED, "bob@remote.test").code()).isEqualTo(250);

        assertThat(text(stored.get(0).get(0))).startsWith("Received: from laptop");
    }
}
