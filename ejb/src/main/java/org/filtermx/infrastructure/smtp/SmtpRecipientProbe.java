package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
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
        return probeEach(routes, List.of(recipient), budget).get(0);
    }

    @Override
    public List<Result> probeEach(
            List<DestinationRoute> routes, List<String> recipients, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Result> last =
                all(recipients, new Result(Answer.UNKNOWN, "the domain has no destination route"));
        for (DestinationRoute route :
                routes.stream().sorted(DestinationRoute.BY_PRIORITY).toList()) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                String why = last.get(0).detail() + "; no time was left to try " + route.host();
                return all(recipients, new Result(Answer.UNKNOWN, why));
            }
            last = probeOne(new Destination(route.host(), route.port()), recipients, deadline);
            if (last.get(0).answer() != Answer.UNKNOWN) {
                return last;
            }
        }
        return last;
    }

    private List<Result> probeOne(Destination destination, List<String> recipients, long deadline) {
        String where = destination.hostAndPort();
        SmtpClientSettings bounded =
                settings.withTimeouts(
                        remaining(deadline), remaining(deadline), remaining(deadline));
        try (SmtpConnection connection = SmtpConnection.open(destination, bounded)) {
            SmtpReply greeting = connection.readReply(remaining(deadline));
            if (greeting.code() != 220) {
                return all(recipients, unknown(where, "greeted with", greeting));
            }
            SmtpReply hello = command(connection, "EHLO " + heloName, deadline);
            if (hello.code() / 100 == 5) {
                hello = command(connection, "HELO " + heloName, deadline);
            }
            if (hello.code() / 100 != 2) {
                return quitting(
                        connection, all(recipients, unknown(where, "answered EHLO with", hello)));
            }
            // RFC 5321 section 4.5.5: a server must accept the null reverse-path.
            SmtpReply mail = command(connection, "MAIL FROM:<>", deadline);
            if (mail.code() / 100 != 2) {
                return quitting(
                        connection,
                        all(recipients, unknown(where, "answered MAIL FROM:<> with", mail)));
            }
            List<Result> results = new ArrayList<>();
            for (String recipient : recipients) {
                results.add(rcpt(connection, where, recipient, deadline));
            }
            return quitting(connection, results);
        } catch (SocketTimeoutException e) {
            return all(recipients, new Result(Answer.UNKNOWN, where + " did not answer in time"));
        } catch (IOException e) {
            return all(
                    recipients,
                    new Result(Answer.UNKNOWN, where + " could not be asked: " + e.getMessage()));
        }
    }

    private static Result rcpt(
            SmtpConnection connection, String where, String recipient, long deadline)
            throws IOException {
        SmtpReply rcpt = command(connection, OutboundEnvelope.rcptToCommand(recipient), deadline);
        return switch (rcpt.code() / 100) {
            case 2 ->
                    new Result(
                            Answer.ACCEPTED, where + " accepted " + recipient + ": " + rcpt.text());
            case 5 ->
                    new Result(
                            Answer.REFUSED, where + " refused " + recipient + ": " + rcpt.text());
            default -> unknown(where, "answered RCPT with", rcpt);
        };
    }

    private static List<Result> all(List<String> recipients, Result result) {
        return recipients.stream().map(r -> result).toList();
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
    private static <T> T quitting(SmtpConnection connection, T result) {
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
