package org.filtermx.smtp.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.filtermx.smtp.api.Role;

/**
 * Every setting of the SMTP server in one immutable value, so the server can be built in a unit
 * test or a benchmark without a JCA container. Limits default to Postfix's values.
 *
 * @param bindAddress address the listeners bind to
 * @param inboundPort port of the {@link Role#INBOUND} listener (0 = ephemeral)
 * @param submissionPort port of the {@link Role#SUBMISSION} listener with STARTTLS, the 587 of RFC
 *     6409 (0 = ephemeral)
 * @param submissionsPort port of the {@link Role#SUBMISSION} listener with implicit TLS, the 465 of
 *     RFC 8314 section 3.3 (0 = ephemeral here; the resource adapter takes 0 as "no such listener")
 * @param dataDirectory where generated keys live
 * @param tempDirectory where message content is spooled during DATA
 * @param serverName host name announced in the greeting and in EHLO
 * @param keystorePath PKCS12 or JKS keystore for STARTTLS, or {@code null} to generate one
 * @param keystorePassword password of {@code keystorePath}
 * @param maxConnectionsPerIp concurrent connections one client IP may hold
 * @param maxConnections concurrent connections per listener
 * @param lineLengthLimit longest accepted command line in octets, without CRLF
 * @param headerSizeLimit largest accepted message header section in octets
 * @param recipientLimit most accepted recipients per transaction
 * @param recipientDomainLimit most distinct recipient domains per transaction
 * @param messageSizeLimit largest accepted message in octets
 * @param commandTimeout how long the server waits for a command
 * @param dataTimeout how long the server waits for more message content
 * @param maxErrors client errors after which the session is closed
 * @param minFreeSpace octets that must stay free on the data and temporary directories' file
 *     systems, beyond a transaction's declared size, before a new transaction is accepted
 * @param cleartextAuthOnLoopback whether the submission listener offers AUTH without TLS to a
 *     client on a loopback address (a local webmail or script); never to any other client
 */
public record SmtpServerSettings(
        String bindAddress,
        int inboundPort,
        int submissionPort,
        int submissionsPort,
        Path dataDirectory,
        Path tempDirectory,
        String serverName,
        Path keystorePath,
        String keystorePassword,
        int maxConnectionsPerIp,
        int maxConnections,
        int lineLengthLimit,
        int headerSizeLimit,
        int recipientLimit,
        int recipientDomainLimit,
        long messageSizeLimit,
        Duration commandTimeout,
        Duration dataTimeout,
        int maxErrors,
        long minFreeSpace,
        boolean cleartextAuthOnLoopback) {

    /** Postfix {@code line_length_limit}. */
    public static final int DEFAULT_LINE_LENGTH_LIMIT = 2048;

    /** Postfix {@code header_size_limit}. */
    public static final int DEFAULT_HEADER_SIZE_LIMIT = 102_400;

    /** Postfix {@code smtpd_recipient_limit}. */
    public static final int DEFAULT_RECIPIENT_LIMIT = 1000;

    /**
     * Distinct recipient domains per transaction (Postfix has none; it queues one copy per
     * message). FilterMX makes a part (log entry, verdict, spool or quarantine rows) per domain, so
     * this bounds a transaction's work; the excess recipients get 452 4.5.3 and are retried.
     */
    public static final int DEFAULT_RECIPIENT_DOMAIN_LIMIT = 50;

    /** Postfix {@code message_size_limit}. */
    public static final long DEFAULT_MESSAGE_SIZE_LIMIT = 10_240_000;

    /** Postfix {@code smtpd_timeout}, used for commands and for DATA alike. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    /** Postfix {@code smtpd_hard_error_limit}. */
    public static final int DEFAULT_MAX_ERRORS = 20;

    /** Free space kept in reserve before a transaction is refused with 452 4.3.1: 100 MiB. */
    public static final long DEFAULT_MIN_FREE_SPACE = 100L * 1024 * 1024;

    /** The service's documented per-IP limit (Postfix's own default is 50). */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 10;

    /**
     * Per listener. Postfix bounds this with master.cf {@code maxproc} (default 100 processes); a
     * Netty connection costs a few kilobytes, not a process, so the bound is ten times that.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    public SmtpServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        tempDirectory = tempDirectory == null ? dataDirectory.resolve("tmp") : tempDirectory;
        serverName = serverName == null || serverName.isBlank() ? localHostName() : serverName;
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(dataTimeout, "dataTimeout");
        requirePositive(maxConnectionsPerIp, "maxConnectionsPerIp");
        requirePositive(maxConnections, "maxConnections");
        requirePositive(lineLengthLimit, "lineLengthLimit");
        requirePositive(headerSizeLimit, "headerSizeLimit");
        requirePositive(recipientLimit, "recipientLimit");
        requirePositive(recipientDomainLimit, "recipientDomainLimit");
        requirePositive(messageSizeLimit, "messageSizeLimit");
        requirePositive(maxErrors, "maxErrors");
        if (minFreeSpace < 0) {
            throw new IllegalArgumentException("minFreeSpace must not be negative");
        }
    }

    /**
     * The port of the listener for {@code role} (for SUBMISSION, the one with STARTTLS; for
     * REHEARSAL 0, a free port the system picks).
     */
    public int port(Role role) {
        return switch (role) {
            case INBOUND -> inboundPort;
            case SUBMISSION -> submissionPort;
            case REHEARSAL -> 0;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The local host name, for a greeting when none is configured. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** Collects settings, starting from the documented defaults. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int inboundPort = 2525;
        private int submissionPort = 5870;
        private int submissionsPort = 4650;
        private Path dataDirectory = Path.of("data");
        private Path tempDirectory;
        private String serverName;
        private Path keystorePath;
        private String keystorePassword = "";
        private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int lineLengthLimit = DEFAULT_LINE_LENGTH_LIMIT;
        private int headerSizeLimit = DEFAULT_HEADER_SIZE_LIMIT;
        private int recipientLimit = DEFAULT_RECIPIENT_LIMIT;
        private int recipientDomainLimit = DEFAULT_RECIPIENT_DOMAIN_LIMIT;
        private long messageSizeLimit = DEFAULT_MESSAGE_SIZE_LIMIT;
        private Duration commandTimeout = DEFAULT_TIMEOUT;
        private Duration dataTimeout = DEFAULT_TIMEOUT;
        private int maxErrors = DEFAULT_MAX_ERRORS;
        private long minFreeSpace = DEFAULT_MIN_FREE_SPACE;
        private boolean cleartextAuthOnLoopback;

        private Builder() {}

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder inboundPort(int value) {
            inboundPort = value;
            return this;
        }

        public Builder submissionPort(int value) {
            submissionPort = value;
            return this;
        }

        public Builder submissionsPort(int value) {
            submissionsPort = value;
            return this;
        }

        public Builder cleartextAuthOnLoopback(boolean value) {
            cleartextAuthOnLoopback = value;
            return this;
        }

        public Builder dataDirectory(Path value) {
            dataDirectory = value;
            return this;
        }

        public Builder tempDirectory(Path value) {
            tempDirectory = value;
            return this;
        }

        public Builder serverName(String value) {
            serverName = value;
            return this;
        }

        public Builder keystore(Path path, String password) {
            keystorePath = path;
            keystorePassword = password;
            return this;
        }

        public Builder maxConnectionsPerIp(int value) {
            maxConnectionsPerIp = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder lineLengthLimit(int value) {
            lineLengthLimit = value;
            return this;
        }

        public Builder headerSizeLimit(int value) {
            headerSizeLimit = value;
            return this;
        }

        public Builder recipientLimit(int value) {
            recipientLimit = value;
            return this;
        }

        public Builder recipientDomainLimit(int value) {
            recipientDomainLimit = value;
            return this;
        }

        public Builder minFreeSpace(long value) {
            minFreeSpace = value;
            return this;
        }

        public Builder messageSizeLimit(long value) {
            messageSizeLimit = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder dataTimeout(Duration value) {
            dataTimeout = value;
            return this;
        }

        public Builder maxErrors(int value) {
            maxErrors = value;
            return this;
        }

        public SmtpServerSettings build() {
            return new SmtpServerSettings(
                    bindAddress,
                    inboundPort,
                    submissionPort,
                    submissionsPort,
                    dataDirectory,
                    tempDirectory,
                    serverName,
                    keystorePath,
                    keystorePassword,
                    maxConnectionsPerIp,
                    maxConnections,
                    lineLengthLimit,
                    headerSizeLimit,
                    recipientLimit,
                    recipientDomainLimit,
                    messageSizeLimit,
                    commandTimeout,
                    dataTimeout,
                    maxErrors,
                    minFreeSpace,
                    cleartextAuthOnLoopback);
        }
    }
}
