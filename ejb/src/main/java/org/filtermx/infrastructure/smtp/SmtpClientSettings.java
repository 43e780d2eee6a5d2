package org.filtermx.infrastructure.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and options of the outbound SMTP client, with the defaults of Postfix's smtp(8) client
 * so a slow but working destination is given the same patience a mature MTA gives it.
 *
 * @param connectTimeout bound on the TCP connect ({@code smtp_connect_timeout})
 * @param commandTimeout bound on each reply to the greeting, EHLO, STARTTLS, MAIL, RCPT, DATA and
 *     QUIT ({@code smtp_helo_timeout}, {@code smtp_mail_timeout}, {@code smtp_rcpt_timeout})
 * @param dataTimeout bound on the reply to the final dot, while the server processes the message
 *     ({@code smtp_data_done_timeout})
 * @param opportunisticTls use STARTTLS when offered, unverified ({@code
 *     smtp_tls_security_level=may})
 * @param pipelining send MAIL, RCPT and DATA in one batch when PIPELINING is offered (RFC 2920)
 * @param lineLengthLimit longest reply line kept; the rest of a longer line is dropped ({@code
 *     line_length_limit})
 */
public record SmtpClientSettings(
        Duration connectTimeout,
        Duration commandTimeout,
        Duration dataTimeout,
        boolean opportunisticTls,
        boolean pipelining,
        int lineLengthLimit) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofSeconds(600);
    public static final int DEFAULT_LINE_LENGTH_LIMIT = 2048;

    public SmtpClientSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(dataTimeout, "dataTimeout");
        if (lineLengthLimit < 512) {
            // RFC 5321 section 4.5.3.1.5: a reply line may be 512 octets including CRLF.
            throw new IllegalArgumentException("lineLengthLimit below 512: " + lineLengthLimit);
        }
    }

    public static SmtpClientSettings defaults() {
        return new SmtpClientSettings(
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_DATA_TIMEOUT,
                true,
                true,
                DEFAULT_LINE_LENGTH_LIMIT);
    }

    /** The same settings with other timeouts, for short-lived test servers or tuning. */
    public SmtpClientSettings withTimeouts(Duration connect, Duration command, Duration data) {
        return new SmtpClientSettings(
                connect, command, data, opportunisticTls, pipelining, lineLengthLimit);
    }

    public SmtpClientSettings withOpportunisticTls(boolean enabled) {
        return new SmtpClientSettings(
                connectTimeout, commandTimeout, dataTimeout, enabled, pipelining, lineLengthLimit);
    }

    public SmtpClientSettings withPipelining(boolean enabled) {
        return new SmtpClientSettings(
                connectTimeout,
                commandTimeout,
                dataTimeout,
                opportunisticTls,
                enabled,
                lineLengthLimit);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
