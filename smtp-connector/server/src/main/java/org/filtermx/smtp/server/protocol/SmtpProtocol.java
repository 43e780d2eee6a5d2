package org.filtermx.smtp.server.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.api.SmtpSession;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.filtermx.smtp.server.protocol.MailParameters.ParameterException;
import org.filtermx.smtp.server.protocol.PathParser.ParsedPath;

/**
 * The state machine of one SMTP session (RFC 5321 section 4.1.4 on command order), free of any
 * network code: it reads command lines and says what to do next, as a {@link Step}.
 */
public final class SmtpProtocol {

    private final SmtpServerSettings settings;
    private final Role role;
    private final String sessionId;
    private final String clientAddress;
    private final boolean tlsAvailable;
    private final Authentication authentication;

    private String heloName;
    private boolean esmtp;
    private String tlsProtocol;
    private String tlsCipher;
    private Transaction transaction;
    private Transaction pendingTransaction;
    private int transactionCount;
    private int errorCount;
    private final LongSupplier usableSpace;

    public SmtpProtocol(
            SmtpServerSettings settings,
            Role role,
            String sessionId,
            String clientAddress,
            boolean tlsAvailable,
            LongSupplier usableSpace) {
        this.settings = settings;
        this.usableSpace = usableSpace;
        this.role = role;
        this.sessionId = sessionId;
        this.clientAddress = clientAddress;
        this.tlsAvailable = tlsAvailable;
        this.authentication =
                new Authentication(role, settings.cleartextAuthOnLoopback(), clientAddress);
    }

    public Reply greeting() {
        return SmtpReplies.greeting(settings.serverName());
    }

    /** Handles one command line, without its CRLF. */
    public Step handle(String line) {
        if (authentication.inExchange()) {
            return authentication.response(line);
        }
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return switch (verb) {
            case "EHLO" -> hello(argument, true);
            case "HELO" -> hello(argument, false);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                transaction = null;
                yield respond(SmtpReplies.OK);
            }
            case "NOOP" -> respond(SmtpReplies.OK);
            case "QUIT" -> new Step.Close(SmtpReplies.BYE);
            case "VRFY" ->
                    respond(
                            argument.isBlank()
                                    ? SmtpReplies.VRFY_SYNTAX
                                    : SmtpReplies.CANNOT_VERIFY);
            case "HELP" -> respond(SmtpReplies.HELP);
            case "STARTTLS" -> startTls(argument);
            case "AUTH" ->
                    authentication.command(
                            argument, heloName != null, transaction != null, tlsProtocol != null);
            default -> respond(SmtpReplies.UNKNOWN_COMMAND);
        };
    }

    /** RFC 5321 section 4.1.4: EHLO and HELO also reset any transaction. */
    private Step hello(String argument, boolean extended) {
        String name = argument.trim();
        if (name.isEmpty()) {
            return respond(extended ? SmtpReplies.EHLO_SYNTAX : SmtpReplies.HELO_SYNTAX);
        }
        int space = name.indexOf(' ');
        heloName = space < 0 ? name : name.substring(0, space);
        esmtp = extended;
        transaction = null;
        if (!extended) {
            return respond(Reply.of(250, "", settings.serverName()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(settings.serverName());
        lines.add("PIPELINING");
        lines.add("SIZE " + settings.messageSizeLimit());
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        if (tlsAvailable && tlsProtocol == null) {
            lines.add("STARTTLS");
        }
        if (authentication.offered(tlsProtocol != null)) {
            lines.add("AUTH PLAIN LOGIN");
        }
        return new Step.RespondLines(lines);
    }

    private Step mail(String argument) {
        if (heloName == null) {
            return respond(SmtpReplies.NEED_HELO);
        }
        if (transaction != null) {
            return respond(SmtpReplies.NESTED_MAIL);
        }
        int start = pathStart(argument, "FROM:");
        if (start < 0) {
            return respond(SmtpReplies.MAIL_SYNTAX);
        }
        Optional<ParsedPath> path = PathParser.parse(argument, start, true, false);
        if (path.isEmpty() || !endsOrSpace(argument, path.get().end())) {
            return respond(SmtpReplies.BAD_SENDER);
        }
        MailParameters parameters;
        try {
            parameters = MailParameters.parse(argument.substring(path.get().end()));
        } catch (ParameterException e) {
            return respond(e.reply());
        }
        // RFC 1870 section 6.1: a declared size over the limit is refused at MAIL.
        if (parameters.declaredSize() > settings.messageSizeLimit()) {
            return respond(SmtpReplies.MESSAGE_TOO_LARGE);
        }
        // RFC 1870 section 6.1 and RFC 3463 X.3.1: with too little space left to store the message
        // (its declared size, when given, plus the reserve), a temporary
        // refusal; the client retries later or elsewhere and nothing is accepted that cannot be
        // kept.
        long needed =
                settings.minFreeSpace()
                        + (parameters.declaredSize() > 0 ? parameters.declaredSize() : 0);
        if (usableSpace.getAsLong() < needed) {
            return respond(SmtpReplies.INSUFFICIENT_STORAGE);
        }
        Transaction opening =
                new Transaction(transactionCount + 1, path.get().address(), parameters);
        if (role != Role.SUBMISSION) {
            // The MX port accepts every sender: no endpoint call per message (relay throughput).
            return respond(open(opening));
        }
        pendingTransaction = opening;
        return new Step.AskSender(opening.reversePath);
    }

    /**
     * Records the endpoint's reply to the sender last asked for: a positive one opens the
     * transaction with the connector's own 250, a refusal is returned as it is.
     */
    public Reply senderDecided(Reply reply) {
        Transaction opening = pendingTransaction;
        pendingTransaction = null;
        if (opening == null || !reply.positive()) {
            return reply;
        }
        return open(opening);
    }

    private Reply open(Transaction opening) {
        transactionCount = opening.number;
        transaction = opening;
        return SmtpReplies.SENDER_OK;
    }

    /**
     * The network layer refused a line (too long, bare CR or LF) with its own reply: an AUTH
     * exchange in progress ends there, so the client's next line is read as a command again.
     */
    public void lineRefused() {
        authentication.abort();
    }

    /** Records the endpoint's decision on the credentials; returns the reply. */
    public Reply authenticationDecided(AuthDecision decision) {
        return authentication.decided(decision);
    }

    private Step rcpt(String argument) {
        if (transaction == null) {
            return respond(heloName == null ? SmtpReplies.NEED_HELO : SmtpReplies.NEED_MAIL);
        }
        int start = pathStart(argument, "TO:");
        if (start < 0) {
            return respond(SmtpReplies.RCPT_SYNTAX);
        }
        Optional<ParsedPath> path = PathParser.parse(argument, start, false, true);
        if (path.isEmpty() || !endsOrSpace(argument, path.get().end())) {
            return respond(SmtpReplies.BAD_RECIPIENT);
        }
        String parameters = argument.substring(path.get().end()).trim();
        if (!parameters.isEmpty()) {
            String keyword = parameters.split("[ =]", 2)[0].toUpperCase(Locale.ROOT);
            return respond(SmtpReplies.unsupportedParameter(keyword));
        }
        if (transaction.acceptedCount >= settings.recipientLimit()) {
            return respond(SmtpReplies.TOO_MANY_RECIPIENTS);
        }
        // Each recipient domain costs the gateway a verdict and stored part of its own: beyond the
        // limit, a recipient at a new domain waits for the client's next transaction.
        String domain = domainOf(path.get().address());
        if (transaction.domains.size() >= settings.recipientDomainLimit()
                && !transaction.domains.contains(domain)) {
            return respond(SmtpReplies.TOO_MANY_RECIPIENT_DOMAINS);
        }
        transaction.pendingDomain = domain;
        transaction.recipientAttempted = true;
        return new Step.AskRecipient(transaction.reversePath, path.get().address());
    }

    /** Records the endpoint's decision on the recipient last asked for; returns the reply. */
    public Reply recipientDecided(RecipientDecision decision) {
        if (decision.accepted() && transaction != null) {
            transaction.acceptedCount++;
            transaction.recipients.add(decision.envelopeRecipient());
            if (transaction.pendingDomain != null) {
                transaction.domains.add(transaction.pendingDomain);
            }
        }
        return decision.reply();
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private Step data(String argument) {
        if (!argument.isBlank()) {
            return respond(SmtpReplies.DATA_SYNTAX);
        }
        if (transaction == null) {
            return respond(heloName == null ? SmtpReplies.NEED_HELO : SmtpReplies.NEED_MAIL);
        }
        if (transaction.recipients.isEmpty()) {
            return respond(
                    transaction.recipientAttempted
                            ? SmtpReplies.NO_VALID_RECIPIENTS
                            : SmtpReplies.NEED_RCPT);
        }
        return new Step.StartData(SmtpReplies.START_DATA);
    }

    /** RFC 3207 section 4.2: after the handshake the session starts over, before EHLO. */
    private Step startTls(String argument) {
        if (!argument.isBlank()) {
            return respond(SmtpReplies.STARTTLS_SYNTAX);
        }
        if (tlsProtocol != null) {
            return respond(SmtpReplies.TLS_ALREADY_ACTIVE);
        }
        if (!tlsAvailable) {
            return respond(SmtpReplies.TLS_UNAVAILABLE);
        }
        if (transaction != null) {
            return respond(SmtpReplies.TLS_DURING_TRANSACTION);
        }
        heloName = null;
        esmtp = false;
        return new Step.StartTls(SmtpReplies.READY_FOR_TLS);
    }

    /**
     * Records the negotiated TLS parameters once the handshake has completed. RFC 3207 section 4.2:
     * the server forgets everything learnt in clear, AUTH included.
     */
    public void tlsStarted(String protocol, String cipher) {
        tlsProtocol = protocol;
        tlsCipher = cipher;
        heloName = null;
        esmtp = false;
        transaction = null;
        pendingTransaction = null;
        authentication.reset();
    }

    /** The envelope of the transaction whose content has just been received. */
    public Envelope envelope(Instant receivedAt) {
        return new Envelope(
                sessionId + "." + transaction.number,
                transaction.reversePath,
                List.copyOf(transaction.recipients),
                transaction.parameters.bodyType(),
                transaction.parameters.declaredSize(),
                receivedAt);
    }

    /** Ends the transaction after its content was answered; the EHLO state is kept. */
    public void transactionEnded() {
        transaction = null;
    }

    /**
     * Counts a reply given to the client; returns whether the client has now made too many errors
     * (Postfix {@code smtpd_hard_error_limit}) and must be disconnected.
     */
    public boolean countReply(Reply reply) {
        if (reply.code() >= 400) {
            errorCount++;
        }
        return errorCount >= settings.maxErrors();
    }

    /** The session as the endpoint sees it now. */
    public SmtpSession session() {
        return new SmtpSession(
                sessionId,
                role,
                clientAddress,
                heloName,
                esmtp,
                tlsProtocol,
                tlsCipher,
                authentication.identity(),
                settings.serverName());
    }

    public String sessionId() {
        return sessionId;
    }

    public int transactionCount() {
        return transactionCount;
    }

    /**
     * Where the path begins after a {@code FROM:} or {@code TO:} keyword, or -1. A space after the
     * colon is tolerated, as many clients send one.
     */
    private static int pathStart(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return -1;
        }
        int i = keyword.length();
        while (i < argument.length() && argument.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean endsOrSpace(String text, int index) {
        return index == text.length() || text.charAt(index) == ' ';
    }

    private static Step respond(Reply reply) {
        return new Step.Respond(reply);
    }
}
