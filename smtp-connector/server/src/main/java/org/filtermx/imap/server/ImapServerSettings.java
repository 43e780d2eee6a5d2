package org.filtermx.imap.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.filtermx.smtp.server.SmtpServerSettings;

/**
 * Every setting of the IMAP listeners in one immutable value, so that the server runs in a unit
 * test without a container. Most values are shared with the SMTP listeners of the same resource
 * adapter (bind address, TLS, temporary directory, message size and connection limits); the rest
 * are IMAP's own.
 *
 * @param bindAddress address the listeners bind to
 * @param port the STARTTLS listener's port (143 in production; 0 = ephemeral)
 * @param implicitTlsPort the implicit TLS listener's port (993; 0 = ephemeral here, "none" for the
 *     resource adapter)
 * @param serverName for logs
 * @param tempDirectory where APPEND literals are written
 * @param messageSizeLimit largest APPEND literal in octets
 * @param maxConnectionsPerIp concurrent connections one client IP may hold
 * @param maxConnections concurrent connections per listener
 * @param maxErrors BAD responses after which the session is closed
 * @param cleartextLoginOnLoopback whether LOGIN and AUTHENTICATE work without TLS for a client on a
 *     loopback address
 * @param idlePoll how often IDLE looks for changes in the selected folder (RFC 2177)
 * @param loginTimeout inactivity allowed before login
 * @param sessionTimeout inactivity allowed after login (RFC 3501 section 5.4: at least 30 minutes)
 * @param idleLimit longest IDLE before the server ends the session (clients renew every 29 minutes)
 */
public record ImapServerSettings(
        String bindAddress,
        int port,
        int implicitTlsPort,
        String serverName,
        Path tempDirectory,
        long messageSizeLimit,
        int maxConnectionsPerIp,
        int maxConnections,
        int maxErrors,
        boolean cleartextLoginOnLoopback,
        Duration idlePoll,
        Duration loginTimeout,
        Duration sessionTimeout,
        Duration idleLimit) {

    /** Longest command line before login, in octets (LOGIN needs a few hundred). */
    public static final int LINE_LIMIT_BEFORE_LOGIN = 8 * 1024;

    /** Longest command line after login, in octets (Dovecot: 64 KiB). */
    public static final int LINE_LIMIT = 64 * 1024;

    /** Largest literal before login (LOGIN and AUTHENTICATE arguments). */
    public static final int LITERAL_LIMIT_BEFORE_LOGIN = 1024;

    /** Largest literal after login except APPEND's message (search strings, names). */
    public static final int LITERAL_LIMIT = 64 * 1024;

    /** Most UIDs per {@code onFetch} or {@code onStore} call. */
    public static final int BATCH = 200;

    public static final Duration DEFAULT_IDLE_POLL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(29);

    public ImapServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        Objects.requireNonNull(idlePoll, "idlePoll");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(idleLimit, "idleLimit");
        if (idlePoll.isNegative() || idlePoll.isZero()) {
            throw new IllegalArgumentException("idlePoll must be positive");
        }
        if (maxErrors <= 0 || maxConnectionsPerIp <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The IMAP settings beside these SMTP settings, with the default timeouts. */
    public static ImapServerSettings of(
            SmtpServerSettings smtp,
            int port,
            int implicitTlsPort,
            boolean cleartextLoginOnLoopback,
            Duration idlePoll) {
        return new ImapServerSettings(
                smtp.bindAddress(),
                port,
                implicitTlsPort,
                smtp.serverName(),
                smtp.tempDirectory(),
                smtp.messageSizeLimit(),
                smtp.maxConnectionsPerIp(),
                smtp.maxConnections(),
                smtp.maxErrors(),
                cleartextLoginOnLoopback,
                idlePoll,
                DEFAULT_LOGIN_TIMEOUT,
                DEFAULT_SESSION_TIMEOUT,
                DEFAULT_IDLE_LIMIT);
    }

    /** These settings with other timeouts (tests). */
    public ImapServerSettings withTimeouts(Duration login, Duration session, Duration idle) {
        return new ImapServerSettings(
                bindAddress,
                port,
                implicitTlsPort,
                serverName,
                tempDirectory,
                messageSizeLimit,
                maxConnectionsPerIp,
                maxConnections,
                maxErrors,
                cleartextLoginOnLoopback,
                idlePoll,
                login,
                session,
                idle);
    }

    /** These settings with another message size limit (tests). */
    public ImapServerSettings withMessageSizeLimit(long limit) {
        return new ImapServerSettings(
                bindAddress,
                port,
                implicitTlsPort,
                serverName,
                tempDirectory,
                limit,
                maxConnectionsPerIp,
                maxConnections,
                maxErrors,
                cleartextLoginOnLoopback,
                idlePoll,
                loginTimeout,
                sessionTimeout,
                idleLimit);
    }
}
