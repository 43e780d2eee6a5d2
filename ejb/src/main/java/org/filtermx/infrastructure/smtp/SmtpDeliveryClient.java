package org.filtermx.infrastructure.smtp;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import org.filtermx.application.port.TlsRequirement;
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

    private static final Logger LOG = Logger.getLogger(SmtpDeliveryClient.class.getName());

    private final SmtpClientSettings settings;
    private final OpportunisticTls tls;

    /** The handshake of deliveries that must use TLS, whatever the opportunistic setting. */
    private final OpportunisticTls mandatoryTls = new OpportunisticTls();

    private final CertificateCheck certificates;
    private final ConnectionCache cache;

    SmtpDeliveryClient(
            SmtpClientSettings settings, ConnectionCache cache, CertificateCheck certificates) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = settings.opportunisticTls() ? new OpportunisticTls() : null;
        this.cache = cache;
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    SmtpDeliveryClient(SmtpClientSettings settings, ConnectionCache cache) {
        this(settings, cache, new CertificateCheck(TrustAnchors.jdk()));
    }

    /** A client opening a new connection for every message, verifying against {@code anchors}. */
    public SmtpDeliveryClient(SmtpClientSettings settings, TrustAnchors anchors) {
        this(settings, null, new CertificateCheck(anchors));
    }

    /** A client opening a new connection for every message. */
    public SmtpDeliveryClient(SmtpClientSettings settings) {
        this(settings, (ConnectionCache) null);
    }

    public SmtpDeliveryClient() {
        this(SmtpClientSettings.defaults());
    }

    /** A client that keeps delivered sessions open for the next message, with Postfix's limits. */
    public static SmtpDeliveryClient withConnectionCache(SmtpClientSettings settings) {
        return new SmtpDeliveryClient(settings, ConnectionCache.postfixDefaults());
    }

    /** As {@link #withConnectionCache(SmtpClientSettings)}, verifying against {@code anchors}. */
    public static SmtpDeliveryClient withConnectionCache(
            SmtpClientSettings settings, TrustAnchors anchors) {
        return new SmtpDeliveryClient(
                settings, ConnectionCache.postfixDefaults(), new CertificateCheck(anchors));
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
        return deliver(
                destination,
                heloName,
                reversePath,
                recipients,
                message,
                TlsRequirement.OPPORTUNISTIC);
    }

    /**
     * As above, under a TLS requirement: a mandatory one is met or the recipients get a temporary
     * result saying why (RFC 3207 section 4.1, RFC 7435 section 1.2); a verifying one checks the
     * certificate against the trust anchors and the destination's host name (RFC 6125), and when
     * report-only logs what failed and delivers anyway (RFC 8461 section 5, mode testing).
     */
    public DeliveryAttempt deliver(
            Destination destination,
            String heloName,
            String reversePath,
            List<String> recipients,
            MessageSource message,
            TlsRequirement requirement) {
        return deliver(destination, heloName, reversePath, recipients, message, requirement, null);
    }

    /**
     * As above, with {@code check} deciding about the server's certificate instead of the trust
     * anchors and the host name (DANE: the host's TLSA records); {@code null} for the anchors.
     */
    public DeliveryAttempt deliver(
            Destination destination,
            String heloName,
            String reversePath,
            List<String> recipients,
            MessageSource message,
            TlsRequirement requirement,
            PeerCheck check) {
        PeerCheck peerCheck = check == null ? certificates : check;
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requirement, "requirement");
        OutboundEnvelope envelope = new OutboundEnvelope(heloName, reversePath, recipients);
        if (cache != null) {
            // A session opened under one requirement serves only deliveries under the same one.
            String key = cacheKey(destination, heloName, requirement);
            ConnectionCache.Idle idle;
            while ((idle = cache.take(key)) != null) {
                DeliverySession session =
                        new DeliverySession(
                                settings,
                                null,
                                requirement,
                                peerCheck,
                                destination,
                                envelope,
                                message);
                DeliveryAttempt reused = session.runReused(idle.connection(), idle.extensions());
                if (reused != null) {
                    keepOrClose(key, session, idle.connection(), idle.openedAt());
                    return reused;
                }
                closeQuietly(idle.connection());
            }
        }
        boolean checked = requirement.mandatory() || requirement.reportOnly();
        OpportunisticTls upgrade = checked ? mandatoryTls : tls;
        try {
            return attempt(destination, envelope, message, upgrade, requirement, peerCheck);
        } catch (TlsHandshakeFailedException e) {
            // Opportunistic TLS: a broken handshake leaves the session unusable, so start over
            // without STARTTLS, as Postfix does at security level "may".
            if (requirement.reportOnly()) {
                report(requirement, "TLS handshake with " + destination + " failed");
            }
            try {
                return attempt(destination, envelope, message, null, requirement, peerCheck);
            } catch (TlsHandshakeFailedException impossible) {
                throw new IllegalStateException("TLS attempted while disabled", impossible);
            }
        }
    }

    private static String cacheKey(
            Destination destination, String heloName, TlsRequirement requirement) {
        return destination.hostAndPort()
                + " "
                + heloName
                + " "
                + requirement.level()
                + (requirement.reportOnly() ? " report " : " ")
                + requirement.policy();
    }

    /** Logs what a report-only requirement found wrong: the delivery went on regardless. */
    private static void report(TlsRequirement requirement, String problem) {
        LOG.warning(
                requirement.policy()
                        + " (mode testing, not enforced): "
                        + problem
                        + "; delivering anyway");
    }

    private DeliveryAttempt attempt(
            Destination destination,
            OutboundEnvelope envelope,
            MessageSource message,
            OpportunisticTls tlsUpgrade,
            TlsRequirement requirement,
            PeerCheck peerCheck)
            throws TlsHandshakeFailedException {
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(destination, settings);
        } catch (IOException e) {
            return connectFailure(destination, envelope, e);
        }
        long openedAt = cache == null ? 0 : cache.now();
        DeliverySession session =
                new DeliverySession(
                        settings,
                        tlsUpgrade,
                        requirement,
                        peerCheck,
                        destination,
                        envelope,
                        message);
        boolean kept = false;
        try {
            DeliveryAttempt result =
                    (cache == null ? session : session.keepingOpen()).run(connection);
            if (session.tlsProblem() != null) {
                report(requirement, session.tlsProblem());
            }
            kept =
                    keepOrClose(
                            cacheKey(destination, envelope.heloName(), requirement),
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
