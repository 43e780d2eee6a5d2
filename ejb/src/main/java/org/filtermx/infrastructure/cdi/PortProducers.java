package org.filtermx.infrastructure.cdi;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.port.BounceWriter;
import org.filtermx.application.port.DatabaseProbe;
import org.filtermx.application.port.DeliveryTransport;
import org.filtermx.application.port.DkimKeyGenerator;
import org.filtermx.application.port.DkimSigner;
import org.filtermx.application.port.DnsRecords;
import org.filtermx.application.port.EncodedWordDecoder;
import org.filtermx.application.port.MtaStsSource;
import org.filtermx.application.port.MxLookup;
import org.filtermx.application.port.ProxyTrust;
import org.filtermx.application.port.RecipientProbe;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.SmtpListenerProbe;
import org.filtermx.application.port.SpoolStorageProbe;
import org.filtermx.application.port.TxtRecords;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.infrastructure.config.GatewaySettings;
import org.filtermx.infrastructure.config.OutboundConfiguration;
import org.filtermx.infrastructure.config.TlsConfiguration;
import org.filtermx.infrastructure.config.TrustedProxies;
import org.filtermx.infrastructure.dkim.DkimKeyPairs;
import org.filtermx.infrastructure.dkim.DkimMessageSigner;
import org.filtermx.infrastructure.dns.DnsClient;
import org.filtermx.infrastructure.dns.FreshDnsRecords;
import org.filtermx.infrastructure.dns.MxLookupException;
import org.filtermx.infrastructure.dns.MxResolver;
import org.filtermx.infrastructure.dns.TlsaLookup;
import org.filtermx.infrastructure.dns.TxtLookup;
import org.filtermx.infrastructure.health.DirectorySpace;
import org.filtermx.infrastructure.mime.EncodedWords;
import org.filtermx.infrastructure.mtasts.DnsMtaStsSource;
import org.filtermx.infrastructure.smtp.CertificateCheck;
import org.filtermx.infrastructure.smtp.DsnBounceWriter;
import org.filtermx.infrastructure.smtp.DsnComposer;
import org.filtermx.infrastructure.smtp.SmtpClientSettings;
import org.filtermx.infrastructure.smtp.SmtpDeliveryClient;
import org.filtermx.infrastructure.smtp.SmtpRecipientProbe;
import org.filtermx.infrastructure.smtp.SmtpTransport;
import org.filtermx.infrastructure.smtp.TrustAnchors;
import org.filtermx.smtp.api.ConnectorStatus;
import org.filtermx.smtp.api.Role;

/**
 * Builds the application's ports from the infrastructure, each once per application, from the
 * installation's settings ({@link GatewaySettings}, which is itself the application's {@code
 * InstallationSettings}).
 */
@ApplicationScoped
public class PortProducers {

    private static final Logger LOG = Logger.getLogger(PortProducers.class.getName());

    /**
     * What the gateway may add to a message before signing (Received and the like): Postfix's
     * {@code header_size_limit}.
     */
    static final long SIGNING_HEADROOM = 102_400;

    /** How long one DNS status question may take (the page asks about six). */
    static final Duration DNS_STATUS_TIMEOUT = Duration.ofSeconds(3);

    /**
     * One TXT lookup's wait when a tenant proves control of a domain; the tenant can simply ask
     * again.
     */
    static final Duration TXT_TIMEOUT = Duration.ofSeconds(5);

    /** The longest a catch-all probe of a destination may take, over all its routes. */
    static final Duration PROBE_BUDGET = Duration.ofSeconds(10);

    @Inject private GatewaySettings settings;
    @Inject private OutboundConfiguration outbound;
    @Inject private TlsConfiguration tls;
    @Inject private DkimKeyRepository dkimKeys;

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    /** SMTP relaying with a connection cache that keeps delivered sessions for the next message. */
    @Produces
    @ApplicationScoped
    DeliveryTransport deliveryTransport() {
        return new SmtpTransport(
                SmtpDeliveryClient.withConnectionCache(
                        SmtpClientSettings.defaults(), trustAnchors()),
                settings.hostname(),
                new TlsaLookup(settings.dnsServer()));
    }

    /** The JDK's certificate authorities and those of {@code FILTERMX_TLS_TRUST_ANCHORS}. */
    private TrustAnchors trustAnchors() {
        return TrustAnchors.withBundle(tls.trustAnchors());
    }

    void closeConnections(@Disposes DeliveryTransport transport) {
        if (transport instanceof SmtpTransport smtp) {
            smtp.closeAll();
        }
    }

    /**
     * The catch-all probe of a domain's destination, bounded to {@link #PROBE_BUDGET} so that the
     * settings request it runs in answers promptly.
     */
    @Produces
    @ApplicationScoped
    RecipientProbe recipientProbe() {
        return new SmtpRecipientProbe(settings.hostname(), PROBE_BUDGET);
    }

    /**
     * Signs with the sending domain's active DKIM key; reads at most the message size limit plus
     * the header fields the gateway adds ({@link #SIGNING_HEADROOM}).
     */
    @Produces
    @ApplicationScoped
    DkimSigner dkimSigner() {
        return new DkimMessageSigner(
                dkimKeys, Clock.systemUTC(), settings.messageSizeLimit() + SIGNING_HEADROOM);
    }

    /** Fresh DNS answers for the DNS status page, through the configured resolver. */
    @Produces
    @ApplicationScoped
    DnsRecords dnsRecords() {
        return new FreshDnsRecords(DnsClient.shared(settings.dnsServer()), DNS_STATUS_TIMEOUT);
    }

    /** New DKIM key pairs from the JDK's providers. */
    @Produces
    @ApplicationScoped
    DkimKeyGenerator dkimKeyGenerator() {
        return new DkimKeyPairs();
    }

    @Produces
    @ApplicationScoped
    BounceWriter bounceWriter() {
        return new DsnBounceWriter(new DsnComposer(settings.hostname(), Clock.systemUTC()));
    }

    /** MX lookups through the configured resolver ({@code FILTERMX_DNS}). */
    @Produces
    @ApplicationScoped
    MxLookup mxLookup() {
        MxResolver resolver = new MxResolver(settings.dnsServer(), outbound.mxPort());
        int port = outbound.mxPort();
        return domain -> {
            try {
                // Each address of each host in order, with whether DNSSEC vouched for the host
                // (DANE, RFC 7672 section 2.2.1).
                return resolver.resolveHosts(domain).stream()
                        .flatMap(
                                h ->
                                        h.addresses().stream()
                                                .map(
                                                        a ->
                                                                new RelayHost(
                                                                        h.name(),
                                                                        port,
                                                                        a,
                                                                        null,
                                                                        h.secure())))
                        .toList();
            } catch (MxLookupException e) {
                if (e.permanent()) {
                    throw new MxLookup.NoMailService(e.getMessage());
                }
                throw new TemporaryFailure(e.getMessage(), e);
            }
        };
    }

    /**
     * MTA-STS policies (RFC 8461): TXT records and policy hosts through the configured resolver,
     * the policy file over HTTPS verified against the same trust anchors as delivery.
     */
    @Produces
    @ApplicationScoped
    MtaStsSource mtaStsSource() {
        return new DnsMtaStsSource(
                DnsClient.shared(settings.dnsServer()),
                new CertificateCheck(trustAnchors()),
                tls.mtaStsPort());
    }

    /** TXT lookups straight from the configured resolver, with no cache. */
    @Produces
    @ApplicationScoped
    TxtRecords txtRecords() {
        TxtLookup lookup = new TxtLookup(settings.dnsServer(), TXT_TIMEOUT);
        return name -> {
            TxtLookup.Result r = lookup.texts(name);
            return new TxtRecords.Answer(
                    TxtRecords.Status.valueOf(r.status().name()), r.texts(), r.detail());
        };
    }

    @Produces
    @ApplicationScoped
    EncodedWordDecoder encodedWordDecoder() {
        return EncodedWords::decode;
    }

    /** {@code FILTERMX_TRUSTED_PROXIES}; a setting that does not parse trusts no proxy, loudly. */
    @Produces
    @ApplicationScoped
    ProxyTrust proxyTrust() {
        try {
            return settings.trustedProxies();
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, e.getMessage() + "; no proxy is trusted until it is fixed");
            return TrustedProxies.none();
        }
    }

    /** A validity check on a pooled connection. */
    @Produces
    @ApplicationScoped
    DatabaseProbe databaseProbe() {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        };
    }

    /**
     * Whether this node's inbound SMTP listener has a bound socket, as the resource adapter
     * publishes it: no connection to it, which would count against the per-address limit.
     */
    @Produces
    @ApplicationScoped
    SmtpListenerProbe smtpListenerProbe() {
        return () -> ConnectorStatus.listening(Role.INBOUND);
    }

    /** The data directory and the temporary directory, against {@code FILTERMX_MIN_FREE_SPACE}. */
    @Produces
    @ApplicationScoped
    SpoolStorageProbe spoolStorageProbe() {
        return new DirectorySpace(
                settings.minFreeSpace(),
                settings.dataDirectory(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }
}
