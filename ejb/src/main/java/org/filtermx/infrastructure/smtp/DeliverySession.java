package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.filtermx.application.port.TlsRequirement;
import org.filtermx.domain.model.delivery.DeliveryStatus;

/**
 * The RFC 5321 dialogue of one relay over one connection: greeting, EHLO, optional STARTTLS, one
 * mail transaction and QUIT, recording a result for every recipient whatever happens.
 */
final class DeliverySession {

    /** The message is delivered by the time QUIT is sent; do not hold a worker for its reply. */
    private static final Duration QUIT_REPLY_TIMEOUT = Duration.ofSeconds(10);

    private static final int COPY_BUFFER_SIZE = 64 * 1024;

    private final SmtpClientSettings settings;
    private final OpportunisticTls tlsUpgrade;
    private final TlsRequirement requirement;
    private final PeerCheck certificates;
    private final Destination destination;
    private final OutboundEnvelope envelope;
    private final MessageSource message;
    private final RecipientLedger ledger;
    private String stage = "connecting";

    /** Whether the session ended in step after a delivered message and may carry the next one. */
    private boolean reusable;

    /** Keep the session open after a delivered message instead of saying QUIT. */
    private boolean keepOpen;

    private ServerExtensions extensions = ServerExtensions.NONE;
    private SessionOutcome outcome = SessionOutcome.COMPLETED;
    private String detail = "";

    /** What a report-only certificate check found wrong (MTA-STS testing), or null. */
    private String tlsProblem;

    DeliverySession(
            SmtpClientSettings settings,
            OpportunisticTls tlsUpgrade,
            Destination destination,
            OutboundEnvelope envelope,
            MessageSource message) {
        this(
                settings,
                tlsUpgrade,
                TlsRequirement.OPPORTUNISTIC,
                null,
                destination,
                envelope,
                message);
    }

    /**
     * A session under a TLS requirement: {@code tlsUpgrade} performs the handshake (null: stay in
     * clear, allowed only for an opportunistic requirement), {@code certificates} checks the
     * server's certificate when the requirement verifies it.
     */
    DeliverySession(
            SmtpClientSettings settings,
            OpportunisticTls tlsUpgrade,
            TlsRequirement requirement,
            PeerCheck certificates,
            Destination destination,
            OutboundEnvelope envelope,
            MessageSource message) {
        this.settings = settings;
        this.tlsUpgrade = tlsUpgrade;
        this.requirement = requirement;
        this.certificates = certificates;
        this.destination = destination;
        this.envelope = envelope;
        this.message = message;
        this.ledger = new RecipientLedger(envelope.recipients());
    }

    /**
     * Runs one more transaction on a session a previous delivery left open: RSET, then the mail
     * transaction. Null when the session no longer answers RSET properly; the caller then drops it
     * and opens a new one, and nothing was decided for any recipient.
     */
    DeliveryAttempt runReused(SmtpConnection connection, ServerExtensions known) {
        keepOpen = true;
        try {
            SmtpReply reset = command(connection, "RSET", "sending RSET on a cached connection");
            if (reset.code() != 250) {
                return null;
            }
        } catch (SessionFailure failure) {
            return null;
        }
        extensions = known;
        try {
            transaction(connection, known);
            finishTransaction(connection);
        } catch (SessionFailure failure) {
            fail(connection, failure);
        }
        return new DeliveryAttempt(
                destination, outcome, detail, connection.isTls(), ledger.results());
    }

    /** Leaves the session open after a delivered message, for {@link #runReused}. */
    DeliverySession keepingOpen() {
        keepOpen = true;
        return this;
    }

    boolean reusable() {
        return reusable;
    }

    ServerExtensions extensions() {
        return extensions;
    }

    /**
     * Runs the session; {@code tlsUpgrade} is null to stay in clear text.
     *
     * @throws TlsHandshakeFailedException if STARTTLS was accepted but the handshake failed
     */
    DeliveryAttempt run(SmtpConnection connection) throws TlsHandshakeFailedException {
        try {
            converse(connection);
        } catch (SessionFailure failure) {
            fail(connection, failure);
        }
        return new DeliveryAttempt(
                destination, outcome, detail, connection.isTls(), ledger.results());
    }

    private void fail(SmtpConnection connection, SessionFailure failure) {
        reusable = false;
        ledger.decideRest(failure.status(), failure.reply(), failure.fromRemote());
        outcome =
                failure.status() == DeliveryStatus.PERMANENT
                        ? SessionOutcome.PERMANENT_FAILURE
                        : SessionOutcome.TEMPORARY_FAILURE;
        detail = failure.reply();
        if (failure.connectionUsable()) {
            quit(connection);
        }
    }

    /** After the transaction: keep a session that delivered for the next message, or say QUIT. */
    private void finishTransaction(SmtpConnection connection) {
        if (keepOpen && reusable) {
            return;
        }
        reusable = false;
        quit(connection);
    }

    private void converse(SmtpConnection connection)
            throws SessionFailure, TlsHandshakeFailedException {
        stage = "receiving the initial server greeting";
        SmtpReply greeting = read(connection, settings.commandTimeout());
        if (greeting.code() != 220) {
            // RFC 5321 section 3.1: a 554 greeting refuses service, but like Postfix
            // (smtp_skip_5xx_greeting) we treat it as this host's problem and retry later.
            throw greeting.code() >= 500
                    ? SessionFailure.refusedGreeting(greeting)
                    : SessionFailure.refused(greeting);
        }
        extensions = hello(connection);
        boolean mandatory = requirement.mandatory();
        if (mandatory && !extensions.supports("STARTTLS")) {
            // RFC 3207 section 4.1: a client that requires TLS must not go on without it; the
            // message waits in the queue (RFC 7435 section 1.2: no fallback once policy asks).
            throw tlsRequired(destination + " offers no STARTTLS", true);
        }
        if (requirement.reportOnly() && !extensions.supports("STARTTLS")) {
            tlsProblem = destination + " offers no STARTTLS";
        }
        if (tlsUpgrade != null && extensions.supports("STARTTLS")) {
            SmtpReply reply = command(connection, "STARTTLS", "sending STARTTLS");
            if (reply.code() == 220) {
                stage = "performing the TLS handshake";
                try {
                    connection.startTls(tlsUpgrade, destination.host(), destination.port());
                } catch (IOException e) {
                    if (mandatory) {
                        throw tlsRequired(
                                "TLS handshake with " + destination + " failed: " + e.getMessage(),
                                false);
                    }
                    throw new TlsHandshakeFailedException(e);
                }
                checkCertificate(connection);
                // RFC 3207 section 4.2: discard what was learned in clear and ask again.
                extensions = hello(connection);
            } else if (reply.isServiceClosing()) {
                throw SessionFailure.refused(reply);
            } else if (mandatory) {
                throw tlsRequired(destination + " refused STARTTLS: " + reply.text(), true);
            }
            // Any other refusal: carry on in clear, as Postfix does at security level "may".
        }
        transaction(connection, extensions);
        finishTransaction(connection);
    }

    /**
     * Checks the server's certificate right after the handshake, before anything is sent over the
     * new session, when the requirement verifies it (RFC 6125 section 6; RFC 8461 section 4.2):
     * enforced, a problem ends the session with a temporary failure; report-only, it is recorded.
     */
    private void checkCertificate(SmtpConnection connection) throws SessionFailure {
        if (!requirement.verifiesCertificate() || certificates == null) {
            return;
        }
        Optional<String> problem;
        try {
            problem = certificates.problem(connection.peerCertificates(), destination.host());
        } catch (IOException e) {
            problem = Optional.of("no certificate: " + e.getMessage());
        }
        if (problem.isEmpty()) {
            return;
        }
        if (requirement.mandatory()) {
            throw tlsRequired(
                    "certificate of " + destination + " not verified: " + problem.get(), true);
        }
        tlsProblem = "certificate of " + destination + " not verified: " + problem.get();
    }

    /** What a report-only certificate check found wrong, or null when nothing was. */
    String tlsProblem() {
        return tlsProblem;
    }

    /**
     * A delivery deferred because its TLS requirement was not met: temporary, so the message stays
     * queued and is retried like after a 4xx, with a reason the message log shows.
     */
    private SessionFailure tlsRequired(String why, boolean connectionUsable) {
        String who = requirement.policy().isEmpty() ? "" : " (" + requirement.policy() + ")";
        return SessionFailure.local(
                DeliveryStatus.TEMPORARY, "TLS required" + who + ": " + why, connectionUsable);
    }

    /** EHLO, falling back to HELO when EHLO is refused with 5xx (RFC 5321 section 4.1.1.1). */
    private ServerExtensions hello(SmtpConnection connection) throws SessionFailure {
        SmtpReply ehlo = command(connection, "EHLO " + envelope.heloName(), "sending EHLO");
        if (ehlo.code() / 100 == 2) {
            return ServerExtensions.fromEhloReply(ehlo);
        }
        if (ehlo.code() / 100 != 5) {
            throw SessionFailure.refused(ehlo);
        }
        SmtpReply helo = command(connection, "HELO " + envelope.heloName(), "sending HELO");
        if (helo.code() / 100 == 2) {
            return ServerExtensions.NONE;
        }
        throw SessionFailure.refused(helo);
    }

    private void transaction(SmtpConnection connection, ServerExtensions extensions)
            throws SessionFailure {
        String mailFrom = mailFromCommand(extensions);
        boolean pipelining = settings.pipelining() && extensions.supports("PIPELINING");
        send(connection, mailFrom);
        if (pipelining) {
            // RFC 2920 section 3.1: MAIL, RCPT and DATA may go in one batch; the content waits
            // for the 354.
            for (String recipient : envelope.recipients()) {
                send(connection, OutboundEnvelope.rcptToCommand(recipient));
            }
            send(connection, "DATA");
        }
        stage = "sending MAIL FROM";
        SmtpReply mailReply = read(connection, settings.commandTimeout());
        if (!mailReply.isPositive()) {
            if (pipelining && !mailReply.isServiceClosing()) {
                drainPipelinedReplies(connection, envelope.recipients().size());
            }
            throw SessionFailure.refused(mailReply);
        }
        for (String recipient : envelope.recipients()) {
            if (!pipelining) {
                send(connection, OutboundEnvelope.rcptToCommand(recipient));
            }
            stage = "sending RCPT TO:<" + recipient + ">";
            SmtpReply reply = read(connection, settings.commandTimeout());
            if (reply.isServiceClosing()) {
                throw SessionFailure.refused(reply);
            } else if (reply.isPositive()) {
                ledger.accept(recipient);
            } else {
                ledger.decide(recipient, reply.failureStatus(), reply.text(), true);
            }
        }
        if (!ledger.hasAccepted()) {
            if (pipelining) {
                drainPipelinedReplies(connection, 0);
            }
            detail = "no recipient was accepted";
            return;
        }
        if (!pipelining) {
            send(connection, "DATA");
        }
        stage = "sending DATA";
        SmtpReply dataReply = read(connection, settings.commandTimeout());
        if (dataReply.code() != 354) {
            throw SessionFailure.refused(dataReply);
        }
        sendContent(connection);
        stage =
                "waiting for the reply to the end of data; the message may be delivered twice"
                        + " (RFC 5321 section 6.1)";
        SmtpReply finalReply = read(connection, settings.dataTimeout());
        if (finalReply.code() / 100 != 2) {
            throw SessionFailure.refused(finalReply);
        }
        ledger.decideRest(DeliveryStatus.DELIVERED, finalReply.text(), true);
        detail = finalReply.text();
        reusable = true;
    }

    private String mailFromCommand(ServerExtensions extensions) throws SessionFailure {
        StringBuilder command = new StringBuilder(envelope.mailFromCommand());
        long size = message.size();
        long limit = extensions.sizeLimit();
        if (limit > 0 && size > limit) {
            // RFC 1870 section 6.1: the server will not take it; retrying cannot help.
            throw SessionFailure.local(
                    DeliveryStatus.PERMANENT,
                    "message size " + size + " exceeds size limit " + limit + " of " + destination,
                    true);
        }
        if (extensions.supports("SIZE")) {
            command.append(" SIZE=").append(size);
        }
        if (extensions.supports("8BITMIME") && containsEightBitData()) {
            command.append(" BODY=8BITMIME");
        }
        if (envelope.needsSmtpUtf8()) {
            if (!extensions.supports("SMTPUTF8")) {
                // RFC 6531 section 3.2: without the extension the address cannot be sent.
                throw SessionFailure.local(
                        DeliveryStatus.PERMANENT,
                        "SMTPUTF8 is required, but was not offered by " + destination,
                        true);
            }
            command.append(" SMTPUTF8");
        }
        return command.toString();
    }

    private boolean containsEightBitData() throws SessionFailure {
        try {
            return message.containsEightBitData();
        } catch (IOException e) {
            throw SessionFailure.local(
                    DeliveryStatus.TEMPORARY, "cannot read the message: " + e.getMessage(), true);
        }
    }

    /**
     * Streams the message dot-stuffed and terminated. If the spool cannot be read midway the
     * connection is dropped without the final dot, so the server discards the partial message.
     */
    private void sendContent(SmtpConnection connection) throws SessionFailure {
        stage = "sending the message content";
        DotStuffingOutputStream data = new DotStuffingOutputStream(connection.dataStream());
        byte[] buffer = new byte[COPY_BUFFER_SIZE];
        try (InputStream in = openMessage()) {
            while (true) {
                int n = readMessage(in, buffer);
                if (n < 0) {
                    break;
                }
                data.write(buffer, 0, n);
            }
            data.finish();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private InputStream openMessage() throws SessionFailure {
        try {
            return message.open();
        } catch (IOException e) {
            throw SessionFailure.local(
                    DeliveryStatus.TEMPORARY, "cannot read the message: " + e.getMessage(), false);
        }
    }

    private static int readMessage(InputStream in, byte[] buffer) throws SessionFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw SessionFailure.local(
                    DeliveryStatus.TEMPORARY, "cannot read the message: " + e.getMessage(), false);
        }
    }

    /**
     * Reads the replies still due for the pipelined RCPTs and DATA after the transaction failed,
     * ending an unexpected 354 with a lone dot, so QUIT is read in step.
     */
    private void drainPipelinedReplies(SmtpConnection connection, int rcptReplies)
            throws SessionFailure {
        stage = "reading pipelined replies";
        for (int i = 0; i < rcptReplies; i++) {
            read(connection, settings.commandTimeout());
        }
        SmtpReply dataReply = read(connection, settings.commandTimeout());
        if (dataReply.code() == 354) {
            send(connection, ".");
            read(connection, settings.dataTimeout());
        }
    }

    /** Ends the session politely; its outcome is already decided, so errors are ignored. */
    private void quit(SmtpConnection connection) {
        try {
            connection.send("QUIT");
            Duration timeout =
                    settings.commandTimeout().compareTo(QUIT_REPLY_TIMEOUT) < 0
                            ? settings.commandTimeout()
                            : QUIT_REPLY_TIMEOUT;
            connection.readReply(timeout);
        } catch (IOException e) {
            // Nothing left to decide.
        }
    }

    private SmtpReply command(SmtpConnection connection, String command, String stageName)
            throws SessionFailure {
        send(connection, command);
        stage = stageName;
        return read(connection, settings.commandTimeout());
    }

    private void send(SmtpConnection connection, String command) throws SessionFailure {
        try {
            connection.send(command);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private SmtpReply read(SmtpConnection connection, Duration timeout) throws SessionFailure {
        try {
            return connection.readReply(timeout);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private SessionFailure lost(IOException e) {
        String what =
                e instanceof SocketTimeoutException
                        ? "conversation with " + destination + " timed out"
                        : "lost connection with " + destination;
        String reason = e.getMessage() == null ? "" : ": " + e.getMessage();
        return SessionFailure.lost(what + " while " + stage + reason);
    }
}
