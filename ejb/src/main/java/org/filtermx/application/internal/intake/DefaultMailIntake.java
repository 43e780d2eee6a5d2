package org.filtermx.application.internal.intake;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.MailIntake;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.internal.filtering.FilterPipeline;
import org.filtermx.application.internal.filtering.VerdictHeaders;
import org.filtermx.application.internal.posture.DmarcReportInbox;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.ListDecision;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Verdict;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * Filters and stores received mail. The message is parsed and scanned once; the verdict is then
 * made per distinct policy among the recipients (the domain's policy and lists, and each user's own
 * list entries, which apply to that user's copy only), outside any transaction. Every part (one per
 * domain and policy) is made durable in one transaction (spool, quarantine or a refused copy), all
 * sharing one stored copy of the received bytes, before the reply is returned to the connector, so
 * a 250 always follows a commit. One SMTP reply answers for all parts (ADR 0008): 451 if any
 * verdict needs a retry (nothing is kept), 550/554 only if every part is refused, 250 otherwise
 * (refused parts of a mixed message are kept in the quarantine).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultMailIntake implements MailIntake {

    /** Postfix's hopcount_limit: more Received fields than this means a mail loop. */
    public static final int HOP_COUNT_LIMIT = 50;

    static final Reply TOO_MANY_HOPS =
            Reply.of(
                    554,
                    "5.4.6",
                    "Too many hops: mail loop detected (check the domain's destination route)");
    static final Reply SCANNER_UNAVAILABLE =
            Reply.of(
                    451, "4.7.1", "Message could not be scanned right now; please try again later");
    static final Reply SPAM_REJECTED = Reply.of(550, "5.7.1", "Message rejected as spam");
    static final Reply VIRUS_REJECTED = Reply.of(554, "5.7.1", "Message rejected: virus found");
    static final Reply POLICY_REJECTED =
            Reply.of(550, "5.7.1", "Message rejected by the recipient's policy");

    @Inject private MessageStore store;
    @Inject private GroupCommit commits;
    @Inject private HostedDomainDirectory directory;
    @Inject private FilterConfiguration filterConfiguration;
    @Inject private FilterPipeline pipeline;
    @Inject private ScannerSet engines;
    @Inject private EncodedWordDecoder words;
    @Inject private IntakeCounts counts = new IntakeCounts();
    @Inject private DmarcReportInbox dmarcReports;

    public DefaultMailIntake() {}

    DefaultMailIntake(
            MessageStore store,
            HostedDomainDirectory directory,
            FilterConfiguration filterConfiguration,
            FilterPipeline pipeline,
            ScannerSet engines,
            EncodedWordDecoder words) {
        this.store = store;
        this.commits = new GroupCommit(store);
        this.directory = directory;
        this.filterConfiguration = filterConfiguration;
        this.pipeline = pipeline;
        this.engines = engines;
        this.words = words;
    }

    /** Recipients of one target domain that share one effective policy, and so one verdict. */
    private record Part(List<String> recipients, FilterPipeline.Judged policy) {}

    @Override
    public Reply accept(SmtpSession session, Envelope envelope, Path message) {
        return take(session, envelope, message, false);
    }

    @Override
    public Reply rehearse(SmtpSession session, Envelope envelope, Path message) {
        return take(session, envelope, message, true);
    }

    private Reply take(SmtpSession session, Envelope envelope, Path message, boolean rehearsal) {
        byte[] received = read(message);
        // DMARC reports to the cluster's rua address are kept and parsed, not filtered (ADR 0046).
        if (dmarcReports != null && !dmarcReports.others(envelope).equals(envelope.recipients())) {
            Reply kept = dmarcReports.accept(session, envelope, received);
            List<String> others = dmarcReports.others(envelope);
            if (others.isEmpty()) {
                return kept;
            }
            envelope =
                    new Envelope(
                            envelope.transactionId(),
                            envelope.reversePath(),
                            others,
                            envelope.bodyType(),
                            envelope.declaredSize(),
                            envelope.receivedAt());
        }
        HeaderSummary headers = HeaderSummary.of(received, words);
        // RFC 5321 section 6.3: a looping message is refused, not relayed again.
        if (headers.receivedCount() >= HOP_COUNT_LIMIT) {
            MessageStore.Item looping =
                    item(
                            session,
                            envelope,
                            envelope.transactionId(),
                            envelope.recipients(),
                            StoredContent.of(received),
                            headers,
                            null);
            if (rehearsal) {
                return TOO_MANY_HOPS;
            }
            store.logRejected(looping, TOO_MANY_HOPS.line());
            IntakeDispositions.decided(List.of(looping), TOO_MANY_HOPS);
            return counts.counted(List.of(), TOO_MANY_HOPS);
        }
        byte[] clean = VerdictHeaders.strip(received);
        ParsedMessage parsed = engines.parse(clean);
        List<Part> parts = parts(envelope.recipients(), senders(envelope, parsed));
        MessageUnderScan scan =
                new MessageUnderScan(
                        session.clientAddress(),
                        session.heloName(),
                        envelope.reversePath(),
                        envelope.recipients(),
                        parts.get(0).policy().domain(),
                        clean,
                        parsed);
        List<Verdict> verdicts = pipeline.evaluate(scan, parts.stream().map(Part::policy).toList());
        ZonedDateTime now = ZonedDateTime.ofInstant(envelope.receivedAt(), ZoneOffset.UTC);
        List<MessageStore.Item> items = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String queueId =
                    parts.size() == 1
                            ? envelope.transactionId()
                            : envelope.transactionId() + "-" + (i + 1);
            List<String> rcpts = parts.get(i).recipients();
            Verdict verdict = verdicts.get(i);
            byte[] trace =
                    ReceivedField.of(
                            session, queueId, rcpts.size() == 1 ? rcpts.get(0) : null, now);
            // Every part's own header lines in front of the one shared array of received bytes.
            StoredContent content =
                    new StoredContent(concat(trace, VerdictHeaders.of(verdict)), clean, null);
            items.add(item(session, envelope, queueId, rcpts, content, headers, verdict));
        }
        if (rehearsal) {
            return rehearsed(items);
        }
        Reply reply = reply(items);
        IntakeDispositions.decided(items, reply);
        return counts.counted(items, reply);
    }

    /**
     * The recipients grouped by target domain, then by the list decision that applies to each: a
     * user's own allow or block entry puts that user's copy in a part of its own, while recipients
     * without one share a part (and a verdict). A single recipient is one part, with no grouping.
     */
    private List<Part> parts(List<String> recipients, List<String> senders) {
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : groupByDomain(recipients).entrySet()) {
            String domain = logDomain(group.getKey());
            FilterPolicy policy = filterConfiguration.policyFor(domain);
            List<String> rcpts = group.getValue();
            if (rcpts.size() == 1) {
                ListDecision lists = filterConfiguration.lists(domain, senders, rcpts);
                parts.add(new Part(rcpts, new FilterPipeline.Judged(domain, policy, lists)));
                continue;
            }
            Map<ListDecision, List<String>> byLists = new LinkedHashMap<>();
            for (String rcpt : rcpts) {
                byLists.computeIfAbsent(
                                filterConfiguration.lists(domain, senders, List.of(rcpt)),
                                l -> new ArrayList<>())
                        .add(rcpt);
            }
            byLists.forEach(
                    (lists, shared) ->
                            parts.add(
                                    new Part(
                                            shared,
                                            new FilterPipeline.Judged(domain, policy, lists))));
        }
        return parts;
    }

    /** The envelope sender and the From address, which sender list entries match. */
    private static List<String> senders(Envelope envelope, ParsedMessage parsed) {
        List<String> senders = new ArrayList<>(2);
        senders.add(envelope.reversePath());
        parsed.header("From").map(DefaultMailIntake::address).ifPresent(senders::add);
        return senders;
    }

    /** A rehearsed message: the store's statements run and are rolled back. */
    private Reply rehearsed(List<MessageStore.Item> items) {
        if (items.stream().anyMatch(i -> i.verdict().action() == Verdict.Action.TEMPFAIL)) {
            return SCANNER_UNAVAILABLE;
        }
        store.rehearse(items);
        return Reply.of(250, "2.0.0", "Ok: rehearsed, nothing kept");
    }

    /** Stores what must be stored and picks the one reply for the whole transaction. */
    private Reply reply(List<MessageStore.Item> items) {
        boolean tempfail =
                items.stream().anyMatch(i -> i.verdict().action() == Verdict.Action.TEMPFAIL);
        if (tempfail) {
            store.store(
                    items.stream()
                            .filter(i -> i.verdict().action() == Verdict.Action.TEMPFAIL)
                            .toList());
            return SCANNER_UNAVAILABLE;
        }
        commits.store(items);
        boolean allRejected =
                items.stream().allMatch(i -> i.verdict().action() == Verdict.Action.REJECT);
        if (allRejected) {
            Verdict first = items.get(0).verdict();
            if (first.malware()) {
                return VIRUS_REJECTED;
            }
            return first.reasons().stream().anyMatch(r -> r.rule().equals("SENDER_BLOCKLISTED"))
                    ? POLICY_REJECTED
                    : SPAM_REJECTED;
        }
        String ids =
                items.size() == 1
                        ? items.get(0).queueId()
                        : items.get(0).queueId().replaceAll("-1$", "-*");
        return Reply.of(250, "2.0.0", "Ok: queued as " + ids);
    }

    private static Map<String, List<String>> groupByDomain(List<String> recipients) {
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (String rcpt : recipients) {
            byDomain.computeIfAbsent(domainOf(rcpt), d -> new ArrayList<>()).add(rcpt);
        }
        return byDomain;
    }

    private String logDomain(String domain) {
        return directory.lookup(domain).map(HostedDomain::name).orElse(domain);
    }

    private MessageStore.Item item(
            SmtpSession session,
            Envelope envelope,
            String queueId,
            List<String> rcpts,
            StoredContent content,
            HeaderSummary headers,
            Verdict verdict) {
        String domain = domainOf(rcpts.get(0));
        Map<String, String> recipients = new LinkedHashMap<>();
        rcpts.forEach(r -> recipients.put(r, r));
        return new MessageStore.Item(
                queueId,
                Direction.INBOUND,
                logDomain(domain),
                domain,
                session.clientAddress(),
                session.heloName(),
                envelope.reversePath(),
                recipients,
                content,
                headers,
                envelope.receivedAt(),
                "received from " + session.clientAddress(),
                verdict);
    }

    private static String domainOf(String address) {
        return LowerCase.of(address.substring(address.lastIndexOf('@') + 1));
    }

    /** The address inside a From field value such as {@code "Name" <a@b>}, lower-case. */
    public static String address(String fromValue) {
        int lt = fromValue.lastIndexOf('<');
        int gt = fromValue.lastIndexOf('>');
        String a = lt >= 0 && gt > lt ? fromValue.substring(lt + 1, gt) : fromValue;
        return LowerCase.of(a.strip());
    }

    private static byte[] read(Path message) {
        try {
            return Files.readAllBytes(message);
        } catch (IOException e) {
            throw new TemporaryFailure("cannot read received message " + message, e);
        }
    }

    public static byte[] concat(byte[] head, byte[] body) {
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
