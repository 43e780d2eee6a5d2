package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.filtermx.application.port.RecipientProbe;
import org.filtermx.domain.model.domain.DestinationRoute;

/**
 * The recipient callout over {@link SmtpConnection}: greeting, EHLO (HELO after a 5xx to EHLO, RFC
 * 5321 section 4.1.1.1), {@code MAIL FROM:<>}, {@code RCPT TO:<address>}, QUIT, never DATA (RFC
 * 5321 section 3.3: the recipient is judged at RCPT, and a transaction without DATA delivers
 * nothing). The whole probe, over every route tried, is bounded by one deadline. No STARTTLS: the
 * probe carries no secret, and a server that insists on TLS before MAIL answers "unknown".
 */
public final class SmtpRecipientProbe implements RecipientProbe {

    private final String heloName;
    private final Duration budget;
    private final SmtpClientSettings settings = SmtpClientSettings.defaults();

    /**
     * @param heloName the name this gateway greets with
     * @param budget the longest a whole probe may take (connects and replies together)
     */
    public SmtpRecipientProbe(String heloName, Duration budget) {
        this.heloName = heloName;
        this.budget = budget;
    }

    @Override
    public Result probe(List<DestinationRoute> routes, String recipient) {
        long deadline = System.nanoTime() + budget.toNanos();
        Result last = new Result(Answer.UNKNOWN, "the domain has no destination route");
        for (DestinationRoute route :
                routes.stream().sorted(DestinationRoute.BY_PRIORITY).toList()) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                return new Result(
                        Answer.UNKNOWN,
                        last.detail() + "; no time was left to try " + route.host());
            }
            last = probeOne(new Destination(route.host(), route.port()), recipient, deadline);
            if (last.answer() != Answer.UNKNOWN) {
                return last;
            }
        }
        return last;
    }

    private Result probeOne(Destination destination, String recipient, long deadline) {
        String where = destination.hostAndPort();
        SmtpClientSettings bounded =
                settings.withTimeouts(
                        remaining(deadline), remaining(deadline), remaining(deadline));
        try (SmtpConnection connection = SmtpConnection.open(destination, bounded)) {
            SmtpReply greeting = connection.readReply(remaining(deadline));
            if (greeting.code() != 220) {
                return unknown(where, "greeted with", greeting);
            }
            SmtpReply hello = command(connection, "EHLO " + heloName, deadline);
            if (hello.code() / 100 == 5) {
                hello = command(connection, "HELO " + heloName, deadline);
            }
            if (hello.code() / 100 != 2) {
                return quitting(connection, unknown(where, "answered EHLO with", hello));
            }
            // RFC 5321 section 4.5.5: a server must accept the null reverse-path.
            SmtpReply mail = command(connection, "MAIL FROM:<>", deadline);
            if (mail.code() / 100 != 2) {
                return quitting(connection, unknown(where, "answered MAIL FROM:<> with", mail));
            }
            SmtpReply rcpt =
                    command(connection, OutboundEnvelope.rcptToCommand(recipient), deadline);
            Result result =
                    switch (rcpt.code() / 100) {
                        case 2 ->
                                new Result(
                                        Answer.ACCEPTED,
                                        where + " accepted " + recipient + ": " + rcpt.text());
                        case 5 ->
                                new Result(
                                        Answer.REFUSED,
                                        where + " refused " + recipient + ": " + rcpt.text());
                        default -> unknown(where, "answered RCPT with", rcpt);
                    };
            return quitting(connection, result);
        } catch (SocketTimeoutException e) {
            return new Result(Answer.UNKNOWN, where + " did not answer in time");
        } catch (IOException e) {
            return new Result(Answer.UNKNOWN, where + " could not be asked: " + e.getMessage());
        }
    }

    private static SmtpReply command(SmtpConnection connection, String line, long deadline)
            throws IOException {
        if (deadline - System.nanoTime() <= 0) {
            throw new SocketTimeoutException("probe deadline passed");
        }
        connection.send(line);
        return connection.readReply(remaining(deadline));
    }

    /** Says QUIT (RFC 5321 section 4.1.1.10) without waiting long for its reply. */
    private static Result quitting(SmtpConnection connection, Result result) {
        try {
            connection.send("QUIT");
            connection.readReply(Duration.ofMillis(500));
        } catch (IOException e) {
            // The answer is known; a server that hangs up without replying to QUIT changes nothing.
        }
        return result;
    }

    private static Result unknown(String where, String what, SmtpReply reply) {
        return new Result(Answer.UNKNOWN, where + " " + what + " " + reply.text());
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return Duration.ofMillis(Math.max(1, nanos / 1_000_000));
    }
}
