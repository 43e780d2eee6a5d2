package org.filtermx.smtp.server.ra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.smtp.server.SmtpServerSettings;

/**
 * The configuration properties of the SMTP resource adapter, as JavaBean properties declared in
 * ra.xml, and their translation into {@link SmtpServerSettings}.
 *
 * <p>Every property is a {@code java.lang.String}, even the numbers, so that an unresolved {@code
 * ${FILTERMX_NAME:default}} expression reaches {@link ConfigValues} instead of failing the
 * container's type conversion. An unset or empty property takes the documented default.
 */
public abstract class SmtpAdapterProperties {

    private String bindAddress;
    private String inboundPort;
    private String submissionPort;
    private String submissionsPort;
    private String cleartextAuthOnLoopback;
    private String dataDirectory;
    private String tempDirectory;
    private String serverName;
    private String keystorePath;
    private String keystorePassword;
    private String maxConnectionsPerIp;
    private String maxConnections;
    private String lineLengthLimit;
    private String headerSizeLimit;
    private String recipientLimit;
    private String recipientDomainLimit;
    private String messageSizeLimit;
    private String commandTimeoutSeconds;
    private String dataTimeoutSeconds;
    private String maxErrors;
    private String minFreeSpace;
    private String imapPort;
    private String imapsPort;
    private String imapCleartextLoginOnLoopback;
    private String imapIdlePollSeconds;
    private String warmupSeconds;

    /** Address the listeners bind to (FILTERMX_BIND). */
    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String value) {
        bindAddress = value;
    }

    /** Port of the INBOUND listener (FILTERMX_SMTP_PORT). */
    public String getInboundPort() {
        return inboundPort;
    }

    public void setInboundPort(String value) {
        inboundPort = value;
    }

    /** Port of the SUBMISSION listener (FILTERMX_SUBMISSION_PORT). */
    public String getSubmissionPort() {
        return submissionPort;
    }

    public void setSubmissionPort(String value) {
        submissionPort = value;
    }

    /** Port of the SUBMISSION listener with implicit TLS (FILTERMX_SUBMISSIONS_PORT); 0 = none. */
    public String getSubmissionsPort() {
        return submissionsPort;
    }

    public void setSubmissionsPort(String value) {
        submissionsPort = value;
    }

    /**
     * Whether the submission port offers AUTH without TLS to loopback clients
     * (FILTERMX_SUBMISSION_CLEARTEXT_AUTH_ON_LOOPBACK, default false).
     */
    public String getCleartextAuthOnLoopback() {
        return cleartextAuthOnLoopback;
    }

    public void setCleartextAuthOnLoopback(String value) {
        cleartextAuthOnLoopback = value;
    }

    /** Data directory (FILTERMX_DATA). */
    public String getDataDirectory() {
        return dataDirectory;
    }

    public void setDataDirectory(String value) {
        dataDirectory = value;
    }

    /** Where DATA is spooled; empty = dataDirectory/tmp. */
    public String getTempDirectory() {
        return tempDirectory;
    }

    public void setTempDirectory(String value) {
        tempDirectory = value;
    }

    /** Name in the greeting (FILTERMX_HOSTNAME); empty = local host name. */
    public String getServerName() {
        return serverName;
    }

    public void setServerName(String value) {
        serverName = value;
    }

    /** STARTTLS keystore (FILTERMX_TLS_KEYSTORE); empty = generate. */
    public String getKeystorePath() {
        return keystorePath;
    }

    public void setKeystorePath(String value) {
        keystorePath = value;
    }

    /** Its password (FILTERMX_TLS_KEYSTORE_PASSWORD). */
    public String getKeystorePassword() {
        return keystorePassword;
    }

    public void setKeystorePassword(String value) {
        keystorePassword = value;
    }

    /** Concurrent connections per client IP. */
    public String getMaxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    public void setMaxConnectionsPerIp(String value) {
        maxConnectionsPerIp = value;
    }

    /** Concurrent connections per listener. */
    public String getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(String value) {
        maxConnections = value;
    }

    /** Postfix line_length_limit. */
    public String getLineLengthLimit() {
        return lineLengthLimit;
    }

    public void setLineLengthLimit(String value) {
        lineLengthLimit = value;
    }

    /** Postfix header_size_limit. */
    public String getHeaderSizeLimit() {
        return headerSizeLimit;
    }

    public void setHeaderSizeLimit(String value) {
        headerSizeLimit = value;
    }

    /** Postfix smtpd_recipient_limit. */
    public String getRecipientLimit() {
        return recipientLimit;
    }

    public void setRecipientLimit(String value) {
        recipientLimit = value;
    }

    /** Postfix message_size_limit (FILTERMX_MESSAGE_SIZE_LIMIT). */
    public String getMessageSizeLimit() {
        return messageSizeLimit;
    }

    public void setMessageSizeLimit(String value) {
        messageSizeLimit = value;
    }

    /** Distinct recipient domains per transaction (FILTERMX_RECIPIENT_DOMAIN_LIMIT). */
    public String getRecipientDomainLimit() {
        return recipientDomainLimit;
    }

    public void setRecipientDomainLimit(String value) {
        recipientDomainLimit = value;
    }

    /** Octets kept free before new mail is refused with 452 4.3.1 (FILTERMX_MIN_FREE_SPACE). */
    public String getMinFreeSpace() {
        return minFreeSpace;
    }

    public void setMinFreeSpace(String value) {
        minFreeSpace = value;
    }

    /** Postfix smtpd_timeout. */
    public String getCommandTimeoutSeconds() {
        return commandTimeoutSeconds;
    }

    public void setCommandTimeoutSeconds(String value) {
        commandTimeoutSeconds = value;
    }

    /** Postfix smtpd_timeout, while reading DATA. */
    public String getDataTimeoutSeconds() {
        return dataTimeoutSeconds;
    }

    public void setDataTimeoutSeconds(String value) {
        dataTimeoutSeconds = value;
    }

    /** Postfix smtpd_hard_error_limit. */
    public String getMaxErrors() {
        return maxErrors;
    }

    public void setMaxErrors(String value) {
        maxErrors = value;
    }

    /** Port of the IMAP listener with STARTTLS (FILTERMX_IMAP_PORT; 143 in production). */
    public String getImapPort() {
        return imapPort;
    }

    public void setImapPort(String value) {
        imapPort = value;
    }

    /** Port of the IMAP listener with implicit TLS (FILTERMX_IMAPS_PORT; 993); 0 = none. */
    public String getImapsPort() {
        return imapsPort;
    }

    public void setImapsPort(String value) {
        imapsPort = value;
    }

    /**
     * Whether IMAP LOGIN works without TLS for loopback clients
     * (FILTERMX_IMAP_CLEARTEXT_LOGIN_ON_LOOPBACK, default false).
     */
    public String getImapCleartextLoginOnLoopback() {
        return imapCleartextLoginOnLoopback;
    }

    public void setImapCleartextLoginOnLoopback(String value) {
        imapCleartextLoginOnLoopback = value;
    }

    /** Seconds between IDLE polls of the selected folder (FILTERMX_IMAP_IDLE_POLL_SECONDS). */
    public String getImapIdlePollSeconds() {
        return imapIdlePollSeconds;
    }

    public void setImapIdlePollSeconds(String value) {
        imapIdlePollSeconds = value;
    }

    /** Seconds of rehearsal before the MX port accepts mail (FILTERMX_WARMUP_SECONDS). */
    public String getWarmupSeconds() {
        return warmupSeconds;
    }

    public void setWarmupSeconds(String value) {
        warmupSeconds = value;
    }

    /** How long the node rehearses before the MX port accepts mail; zero for not at all. */
    Duration warmup(ConfigValues values) {
        long seconds = values.number("warmupSeconds", warmupSeconds, 45);
        if (seconds < 0 || seconds > 600) {
            throw new IllegalArgumentException("warmupSeconds must be 0 to 600: " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** The IMAP listeners' settings, beside {@link #settings()}. */
    public ImapServerSettings imapSettings() {
        return imapSettings(ConfigValues.fromSystemEnvironment());
    }

    ImapServerSettings imapSettings(ConfigValues values) {
        long poll = values.number("imapIdlePollSeconds", imapIdlePollSeconds, 10);
        if (poll <= 0) {
            throw new IllegalArgumentException("imapIdlePollSeconds must be positive: " + poll);
        }
        return ImapServerSettings.of(
                settings(values),
                values.integer("imapPort", imapPort, 1143),
                values.integer("imapsPort", imapsPort, 9930),
                values.bool("imapCleartextLoginOnLoopback", imapCleartextLoginOnLoopback, false),
                Duration.ofSeconds(poll));
    }

    /** The settings these properties describe, environment expressions resolved. */
    public SmtpServerSettings settings() {
        return settings(ConfigValues.fromSystemEnvironment());
    }

    SmtpServerSettings settings(ConfigValues values) {
        Path data = Path.of(values.text(dataDirectory, "./data"));
        String temp = values.text(tempDirectory, "");
        String keystore = values.text(keystorePath, "");
        return SmtpServerSettings.builder()
                .bindAddress(values.text(bindAddress, "127.0.0.1"))
                .inboundPort(values.integer("inboundPort", inboundPort, 2525))
                .submissionPort(values.integer("submissionPort", submissionPort, 5870))
                .submissionsPort(values.integer("submissionsPort", submissionsPort, 4650))
                .cleartextAuthOnLoopback(
                        values.bool("cleartextAuthOnLoopback", cleartextAuthOnLoopback, false))
                .dataDirectory(data)
                .tempDirectory(temp.isEmpty() ? data.resolve("tmp") : Path.of(temp))
                .serverName(values.text(serverName, ""))
                .keystore(
                        keystore.isEmpty() ? null : Path.of(keystore),
                        values.text(keystorePassword, keystorePasswordFromEnvironment()))
                .maxConnectionsPerIp(
                        values.integer(
                                "maxConnectionsPerIp",
                                maxConnectionsPerIp,
                                SmtpServerSettings.DEFAULT_MAX_CONNECTIONS_PER_IP))
                .maxConnections(
                        values.integer(
                                "maxConnections",
                                maxConnections,
                                SmtpServerSettings.DEFAULT_MAX_CONNECTIONS))
                .lineLengthLimit(
                        values.integer(
                                "lineLengthLimit",
                                lineLengthLimit,
                                SmtpServerSettings.DEFAULT_LINE_LENGTH_LIMIT))
                .headerSizeLimit(
                        values.integer(
                                "headerSizeLimit",
                                headerSizeLimit,
                                SmtpServerSettings.DEFAULT_HEADER_SIZE_LIMIT))
                .recipientLimit(
                        values.integer(
                                "recipientLimit",
                                recipientLimit,
                                SmtpServerSettings.DEFAULT_RECIPIENT_LIMIT))
                .recipientDomainLimit(
                        values.integer(
                                "recipientDomainLimit",
                                recipientDomainLimit,
                                SmtpServerSettings.DEFAULT_RECIPIENT_DOMAIN_LIMIT))
                .messageSizeLimit(
                        values.number(
                                "messageSizeLimit",
                                messageSizeLimit,
                                SmtpServerSettings.DEFAULT_MESSAGE_SIZE_LIMIT))
                .commandTimeout(
                        Duration.ofSeconds(
                                values.number(
                                        "commandTimeoutSeconds",
                                        commandTimeoutSeconds,
                                        SmtpServerSettings.DEFAULT_TIMEOUT.toSeconds())))
                .dataTimeout(
                        Duration.ofSeconds(
                                values.number(
                                        "dataTimeoutSeconds",
                                        dataTimeoutSeconds,
                                        SmtpServerSettings.DEFAULT_TIMEOUT.toSeconds())))
                .maxErrors(
                        values.integer(
                                "maxErrors", maxErrors, SmtpServerSettings.DEFAULT_MAX_ERRORS))
                .minFreeSpace(
                        values.number(
                                "minFreeSpace",
                                minFreeSpace,
                                SmtpServerSettings.DEFAULT_MIN_FREE_SPACE))
                .build();
    }

    /** The property values in a fixed order, for equality. */
    final List<String> propertyValues() {
        return Arrays.asList(
                bindAddress,
                inboundPort,
                submissionPort,
                submissionsPort,
                cleartextAuthOnLoopback,
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
                commandTimeoutSeconds,
                dataTimeoutSeconds,
                maxErrors,
                minFreeSpace,
                imapPort,
                imapsPort,
                imapCleartextLoginOnLoopback,
                imapIdlePollSeconds,
                warmupSeconds);
    }

    /** Secrets stay off the command line: the keystore password comes from the environment. */
    private static String keystorePasswordFromEnvironment() {
        String fromEnvironment = System.getenv("FILTERMX_TLS_KEYSTORE_PASSWORD");
        return fromEnvironment == null ? "" : fromEnvironment;
    }
}
