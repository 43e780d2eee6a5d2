package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;

/**
 * Relays a stored message byte-exact to one destination over SMTP (RFC 5321) and reports, per
 * recipient, whether it was delivered, should be retried or has failed for good.
 *
 * <p>Plain blocking sockets; thread-safe, so one instance can serve all delivery workers. With a
 * {@link ConnectionCache}, a session that delivered is kept for the next message to the same
 * destination (after RSET) instead of a new connection per message. It never throws for a remote
 * problem: every failure becomes a result.
 */
public final class SmtpDeliveryClient {

    private final SmtpClientSettings settings;
    private final OpportunisticTls tls;
    private final ConnectionCache cache;

    SmtpDeliveryClient(SmtpClientSettings settings, ConnectionCache cache) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = settings.opportunisticTls() ? new OpportunisticTls() : null;
        this.cache = cache;
    }

    /** A client opening a new connection for every message. */
    public SmtpDeliveryClient(SmtpClientSettings settings) {
        this(settings, null);
    }

    public SmtpDeliveryClient() {
        this(SmtpClientSettings.defaults());
    }

    /** A client that keeps delivered sessions open for the next message, with Postfix's limits. */
    public static SmtpDeliveryClient withConnectionCache(SmtpClientSettings settings) {
        return new SmtpDeliveryClient(settings, ConnectionCache.postfixDefaults());
    }

    /** Ends every cached session. */
    public void closeAllIdleConnections() {
        if (cache != null) {
            cache.closeAll();
        }
    }

    /** Ends cached sessions idle longer than the cache allows; call now and then. */
    public int closeIdleConnections() {
        return cache == null ? 0 : cache.closeExpired();
    }

    /**
     * Delivers {@code message} to {@code recipients} through {@code destination}.
     *
     * @param destination where to connect
     * @param heloName our host name for EHLO/HELO
     * @param reversePath the envelope sender; empty, {@code null} or {@code <>} for the null sender
     *     of a DSN
     * @param recipients the envelope recipients, one RCPT each
     * @param message the bytes to send, CRLF line ends, not dot-stuffed
     * @return one result per recipient in the given order, and how the session ended
     * @throws IllegalArgumentException if an address or the EHLO name contains characters that
     *     cannot go on a command line
     */
    public DeliveryAttempt deliver(
            Destination destination,
            String heloName,
            String reversePath,
            List<String> recipients,
            MessageSource message) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
        OutboundEnvelope envelope = new OutboundEnvelope(heloName, reversePath, recipients);
        if (cache != null) {
            String key = destination.hostAndPort() + " " + heloName;
            ConnectionCache.Idle idle;
            while ((idle = cache.take(key)) != null) {
                DeliverySession session =
                        new DeliverySession(settings, null, destination, envelope, message);
                DeliveryAttempt reused = session.runReused(idle.connection(), idle.extensions());
                if (reused != null) {
                    keepOrClose(key, session, idle.connection(), idle.openedAt());
                    return reused;
                }
                closeQuietly(idle.connection());
            }
        }
        try {
            return attempt(destination, envelope, message, tls);
        } catch (TlsHandshakeFailedException e) {
            // Opportunistic TLS: a broken handshake leaves the session unusable, so start over
            // without STARTTLS, as Postfix does at security level "may".
            try {
                return attempt(destination, envelope, message, null);
            } catch (TlsHandshakeFailedException impossible) {
                throw new IllegalStateException("TLS attempted while disabled", impossible);
            }
        }
    }

    private DeliveryAttempt attempt(
            Destination destination,
            OutboundEnvelope envelope,
            MessageSource message,
            OpportunisticTls tlsUpgrade)
            throws TlsHandshakeFailedException {
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(destination, settings);
        } catch (IOException e) {
            return connectFailure(destination, envelope, e);
        }
        long openedAt = cache == null ? 0 : cache.now();
        DeliverySession session =
                new DeliverySession(settings, tlsUpgrade, destination, envelope, message);
        boolean kept = false;
        try {
            DeliveryAttempt result =
                    (cache == null ? session : session.keepingOpen()).run(connection);
            kept =
                    keepOrClose(
                            destination.hostAndPort() + " " + envelope.heloName(),
                            session,
                            connection,
                            openedAt);
            return result;
        } finally {
            if (!kept) {
                closeQuietly(connection);
            }
        }
    }

    /** Puts a session that delivered into the cache; closes it otherwise. True when kept. */
    private boolean keepOrClose(
            String key, DeliverySession session, SmtpConnection connection, long openedAt) {
        if (!session.reusable()) {
            closeQuietly(connection);
            return false;
        }
        if (cache != null && cache.offer(key, connection, session.extensions(), openedAt)) {
            return true;
        }
        // Kept open for a cache that did not take it: end it properly.
        ConnectionCache.quit(connection);
        return false;
    }

    private static void closeQuietly(SmtpConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // The outcome is decided; a failing close changes nothing.
        }
    }

    private static DeliveryAttempt connectFailure(
            Destination destination, OutboundEnvelope envelope, IOException e) {
        // Like Postfix: "connect to host[address]:port: Connection refused".
        String cause =
                e instanceof UnknownHostException
                        ? "host not found"
                        : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String reason = "connect to " + destination + ": " + cause;
        List<RecipientResult> results =
                envelope.recipients().stream()
                        .map(r -> new RecipientResult(r, DeliveryStatus.TEMPORARY, reason, false))
                        .toList();
        return new DeliveryAttempt(
                destination, SessionOutcome.TEMPORARY_FAILURE, reason, false, results);
    }
}
