package org.filtermx.application.internal.submission;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.filtermx.application.FilterConfiguration;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.OutgoingPolicy;
import org.filtermx.application.OutgoingSender;
import org.filtermx.application.SubmissionIntake;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.internal.discovery.DiscoveryEvidence;
import org.filtermx.application.internal.filtering.FilterPipeline;
import org.filtermx.application.internal.intake.DefaultMailIntake;
import org.filtermx.application.internal.intake.GroupCommit;
import org.filtermx.application.internal.intake.HeaderSummary;
import org.filtermx.application.internal.intake.MessageStore;
import org.filtermx.application.internal.intake.ReceivedField;
import org.filtermx.application.port.DkimSigner;
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
 * Takes outgoing mail from the submission ports. The sender is identified and counted against its
 * hourly limits, then the message is scanned once by the inbound engines and judged with the
 * outbound thresholds of the sender's domain ({@link OutboundDecision}). A blocked message is held
 * in the outgoing quarantine with an ARF report to the administrator contact ({@link OutboundHold})
 * and refused with {@code 550 5.7.1}, so that the customer's server returns it to its author (ADR
 * 0028). Accepted mail gets a Received field and a DKIM signature, and is spooled, one part per
 * recipient domain sharing one stored body, for delivery by MX; a 250 follows the commit (ADR
 * 0003).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultSubmissionIntake implements SubmissionIntake {

    private static final Logger LOG = Logger.getLogger(DefaultSubmissionIntake.class.getName());

    /**
     * Scanners that judge the connecting server and the sender's DNS, not the content: on the
     * outgoing path the client is the customer's own server and the sender its own domain.
     */
    static final Set<String> INBOUND_ONLY_SCANNERS = Set.of("spf", "dkim", "auth", "dnsbl");

    static final Reply NOT_AUTHENTICATED =
            Reply.of(530, "5.7.0", "Authentication required to send mail through this server");
    static final Reply SENDER_GONE =
            Reply.of(
                    451,
                    "4.7.0",
                    "The outgoing account is no longer available; please try again later");
    static final Reply TOO_MANY_HOPS = Reply.of(554, "5.4.6", "Too many hops: mail loop detected");
    static final Reply SCANNER_UNAVAILABLE =
            Reply.of(
                    451, "4.7.1", "Message could not be scanned right now; please try again later");
    static final Reply VIRUS_BLOCKED =
            Reply.of(554, "5.7.1", "Message blocked by the outgoing filter: virus found");

    @Inject private OutgoingPolicy policy;
    @Inject private OutboundThresholds thresholds;
    @Inject private OutboundHold hold;
    @Inject private MessageStore store;
    @Inject private GroupCommit commits;
    @Inject private FilterConfiguration filterConfiguration;
    @Inject private HostedDomainDirectory directory;
    @Inject private FilterPipeline pipeline;
    @Inject private ScannerSet engines;
    @Inject private EncodedWordDecoder words;
    @Inject private DkimSigner signer;
    @Inject private DiscoveryEvidence discovery = new DiscoveryEvidence();

    public DefaultSubmissionIntake() {}

    /** An intake wired by hand (unit tests run it with in-memory collaborators). */
    DefaultSubmissionIntake(
            OutgoingPolicy policy,
            OutboundThresholds thresholds,
            OutboundHold hold,
            MessageStore store,
            FilterConfiguration filterConfiguration,
            HostedDomainDirectory directory,
            FilterPipeline pipeline,
            ScannerSet engines,
            EncodedWordDecoder words,
            DkimSigner signer) {
        this.policy = policy;
        this.thresholds = thresholds;
        this.hold = hold;
        this.store = store;
        this.commits = new GroupCommit(store);
        this.filterConfiguration = filterConfiguration;
        this.directory = directory;
        this.pipeline = pipeline;
        this.engines = engines;
        this.words = words;
        this.signer = signer;
    }

    @Override
    public Reply accept(SmtpSession session, Envelope envelope, Path message) {
        byte[] received = read(message);
        ParsedMessage parsed = engines.parse(received);
        Optional<OutgoingSender> identified =
                policy.identify(
                        session, envelope.reversePath(), name -> parsed.header(name).orElse(null));
        if (identified.isEmpty()) {
            return session.authenticatedUser() == null ? NOT_AUTHENTICATED : SENDER_GONE;
        }
        OutgoingSender sender = identified.get();
        HeaderSummary headers = HeaderSummary.of(received, words);
        MessageStore.Item whole =
                item(session, envelope, sender, envelope.transactionId(), null, received, headers);
        // RFC 5321 section 6.3: a looping message is refused, not relayed again.
        if (headers.receivedCount() >= DefaultMailIntake.HOP_COUNT_LIMIT) {
            store.logRejected(whole, TOO_MANY_HOPS.line());
            return TOO_MANY_HOPS;
        }
        Optional<Reply> refused = policy.admit(sender, envelope.recipients().size());
        if (refused.isPresent()) {
            store.logRejected(whole, refused.get().line());
            return refused.get();
        }
        SubmissionFields.Added added =
                SubmissionFields.complete(parsed, session.serverName(), envelope.receivedAt());
        if (added.any()) {
            // The log shows the Message-ID the recipients will see.
            byte[] complete = DefaultMailIntake.concat(added.lines(), received);
            return accept(
                    session,
                    envelope,
                    sender,
                    complete,
                    added.parsed(),
                    HeaderSummary.of(complete, words),
                    null);
        }
        return accept(session, envelope, sender, received, parsed, headers, message);
    }

    /**
     * Filters and then holds or sends the complete message; {@code file} holds exactly {@code
     * received}, or is null when fields were added to it.
     */
    private Reply accept(
            SmtpSession session,
            Envelope envelope,
            OutgoingSender sender,
            byte[] received,
            ParsedMessage parsed,
            HeaderSummary headers,
            Path file) {
        OutboundThresholds.Thresholds t = thresholds.of(sender.domain());
        Verdict scanned = scan(session, envelope, sender, received, parsed, t);
        OutboundDecision decision = OutboundDecision.of(scanned, t);
        if (decision == OutboundDecision.RETRY) {
            store.store(
                    List.of(
                            item(
                                    session,
                                    envelope,
                                    sender,
                                    envelope.transactionId(),
                                    null,
                                    received,
                                    headers,
                                    scanned)));
            return SCANNER_UNAVAILABLE;
        }
        if (decision.blocked()) {
            return block(
                    session,
                    envelope,
                    sender,
                    received,
                    headers,
                    scanned,
                    decision,
                    sign(sender, parsed, received, file));
        }
        return send(session, envelope, sender, file, received, parsed, headers, scanned);
    }

    private Verdict scan(
            SmtpSession session,
            Envelope envelope,
            OutgoingSender sender,
            byte[] received,
            ParsedMessage parsed,
            OutboundThresholds.Thresholds t) {
        FilterPolicy domainPolicy = filterConfiguration.policyFor(sender.domain());
        Set<String> disabled = new HashSet<>(domainPolicy.disabledScanners());
        disabled.addAll(INBOUND_ONLY_SCANNERS);
        FilterPolicy outbound =
                new FilterPolicy(
                        t.spam(),
                        t.spam(),
                        disabled,
                        domainPolicy.virusEngineDown(),
                        domainPolicy.spamEngineDown(),
                        domainPolicy.quarantineRetentionDays());
        MessageUnderScan scan =
                new MessageUnderScan(
                        session.clientAddress(),
                        session.heloName(),
                        envelope.reversePath(),
                        envelope.recipients(),
                        sender.domain(),
                        received,
                        parsed);
        return pipeline.evaluate(
                        scan,
                        List.of(
                                new FilterPipeline.Judged(
                                        sender.domain(), outbound, ListDecision.NONE)))
                .get(0);
    }

    private Reply block(
            SmtpSession session,
            Envelope envelope,
            OutgoingSender sender,
            byte[] received,
            HeaderSummary headers,
            Verdict scanned,
            OutboundDecision decision,
            byte[] signature) {
        Verdict refused =
                new Verdict(
                        Verdict.Action.REJECT,
                        scanned.score(),
                        scanned.reasons(),
                        scanned.malware());
        byte[] trace = trace(session, envelope.transactionId(), envelope.recipients(), envelope);
        // The held copy is signed as it would have gone out, so that a release sends it signed.
        MessageStore.Item item =
                item(
                        session,
                        envelope,
                        sender,
                        envelope.transactionId(),
                        DefaultMailIntake.concat(signature, trace),
                        received,
                        headers,
                        refused);
        AbuseReport.Facts facts =
                new AbuseReport.Facts(
                        sender,
                        session.clientAddress(),
                        envelope.reversePath(),
                        envelope.recipients(),
                        envelope.receivedAt(),
                        scanned.score(),
                        refused.summary(),
                        scanned.malware(),
                        false,
                        DefaultMailIntake.concat(trace, received));
        OutboundHold.Held held =
                hold.hold(
                        item,
                        sender,
                        decision == OutboundDecision.BLOCK_AND_LOCK,
                        facts,
                        envelope.receivedAt());
        if (scanned.malware()) {
            return VIRUS_BLOCKED;
        }
        return Reply.of(
                550,
                "5.7.1",
                "Message blocked as spam by the outgoing filter"
                        + (held.locked()
                                ? "; the account is now locked, contact " + sender.adminContact()
                                : ""));
    }

    /**
     * Signs (once, for every part) and spools the message. The signature covers the message as the
     * client sent it: the Received fields put above it are not signed (RFC 6376 section 5.4 leaves
     * trace fields out).
     */
    private Reply send(
            SmtpSession session,
            Envelope envelope,
            OutgoingSender sender,
            Path message,
            byte[] received,
            ParsedMessage parsed,
            HeaderSummary headers,
            Verdict scanned) {
        byte[] signature = sign(sender, parsed, received, message);
        Verdict deliver =
                new Verdict(
                        Verdict.Action.DELIVER,
                        scanned.score(),
                        scanned.reasons(),
                        scanned.malware());
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (String rcpt : envelope.recipients()) {
            byDomain.computeIfAbsent(domainOf(rcpt), d -> new ArrayList<>()).add(rcpt);
        }
        List<MessageStore.Item> items = new ArrayList<>(byDomain.size());
        int n = 0;
        for (List<String> rcpts : byDomain.values()) {
            String queueId =
                    byDomain.size() == 1
                            ? envelope.transactionId()
                            : envelope.transactionId() + "-" + (++n);
            byte[] head =
                    DefaultMailIntake.concat(signature, trace(session, queueId, rcpts, envelope));
            // Every part's own header lines in front of the one shared array of received bytes.
            items.add(
                    new MessageStore.Item(
                            queueId,
                            Direction.OUTBOUND,
                            sender.domain(),
                            domainOf(rcpts.get(0)),
                            session.clientAddress(),
                            session.heloName(),
                            envelope.reversePath(),
                            recipients(rcpts),
                            new StoredContent(head, received, null),
                            headers,
                            envelope.receivedAt(),
                            detail(session, sender),
                            deliver));
        }
        commits.store(items);
        // Recipient discovery (ADR 0047): a note in memory, written after the commit elsewhere.
        discovery.sent(sender.domain(), envelope.reversePath(), parsed, envelope.receivedAt());
        String ids = items.size() == 1 ? items.get(0).queueId() : envelope.transactionId() + "-*";
        return Reply.of(250, "2.0.0", "Ok: queued as " + ids);
    }

    /**
     * The DKIM-Signature field: with the key of the From field's domain when it is hosted and has
     * one (so the signature aligns for DMARC), else with the sender's own domain's; empty when
     * neither has a key.
     */
    private byte[] sign(OutgoingSender sender, ParsedMessage parsed, byte[] bytes, Path file) {
        Path message = file;
        try {
            if (message == null) {
                // The signer reads a file: the message as completed, beside nothing else.
                message = Files.createTempFile("filtermx-submission", ".eml");
                Files.write(message, bytes);
            }
            Optional<String> fromDomain =
                    parsed.header("From")
                            .map(DefaultMailIntake::address)
                            .filter(a -> a.indexOf('@') > 0)
                            .map(DefaultSubmissionIntake::domainOf)
                            .filter(d -> directory.lookup(d).isPresent());
            Optional<String> field = Optional.empty();
            if (fromDomain.isPresent()) {
                field = signer.sign(fromDomain.get(), message);
            }
            if (field.isEmpty() && !fromDomain.equals(Optional.of(sender.domain()))) {
                field = signer.sign(sender.domain(), message);
            }
            return field.map(f -> f.getBytes(StandardCharsets.US_ASCII)).orElse(new byte[0]);
        } catch (IOException e) {
            throw new TemporaryFailure("cannot sign " + message + " with DKIM", e);
        } finally {
            if (file == null && message != null) {
                try {
                    Files.deleteIfExists(message);
                } catch (IOException e) {
                    LOG.warning("cannot delete " + message + ": " + e.getMessage());
                }
            }
        }
    }

    private static byte[] trace(
            SmtpSession session, String queueId, List<String> rcpts, Envelope envelope) {
        return ReceivedField.of(
                session,
                queueId,
                rcpts.size() == 1 ? rcpts.get(0) : null,
                ZonedDateTime.ofInstant(envelope.receivedAt(), ZoneOffset.UTC));
    }

    private MessageStore.Item item(
            SmtpSession session,
            Envelope envelope,
            OutgoingSender sender,
            String queueId,
            byte[] trace,
            byte[] received,
            HeaderSummary headers) {
        return item(session, envelope, sender, queueId, trace, received, headers, null);
    }

    private MessageStore.Item item(
            SmtpSession session,
            Envelope envelope,
            OutgoingSender sender,
            String queueId,
            byte[] trace,
            byte[] received,
            HeaderSummary headers,
            Verdict verdict) {
        List<String> rcpts = envelope.recipients();
        return new MessageStore.Item(
                queueId,
                Direction.OUTBOUND,
                sender.domain(),
                domainOf(rcpts.get(0)),
                session.clientAddress(),
                session.heloName(),
                envelope.reversePath(),
                recipients(rcpts),
                trace == null
                        ? StoredContent.of(received)
                        : new StoredContent(trace, received, null),
                headers,
                envelope.receivedAt(),
                detail(session, sender),
                verdict);
    }

    private static String detail(SmtpSession session, OutgoingSender sender) {
        return "submitted by " + sender.displayName() + " from " + session.clientAddress();
    }

    private static Map<String, String> recipients(List<String> rcpts) {
        Map<String, String> recipients = new LinkedHashMap<>();
        rcpts.forEach(r -> recipients.put(r, r));
        return recipients;
    }

    static String domainOf(String address) {
        return LowerCase.of(address.substring(address.lastIndexOf('@') + 1));
    }

    private static byte[] read(Path message) {
        try {
            return Files.readAllBytes(message);
        } catch (IOException e) {
            throw new TemporaryFailure("cannot read submitted message " + message, e);
        }
    }
}
