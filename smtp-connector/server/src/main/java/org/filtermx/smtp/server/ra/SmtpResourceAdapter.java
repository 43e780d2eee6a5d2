package org.filtermx.smtp.server.ra;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.filtermx.imap.server.ImapServer;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.imap.server.ra.ImapActivationSpec;
import org.filtermx.imap.server.ra.ImapEndpointInvoker;
import org.filtermx.smtp.api.Role;
import org.filtermx.smtp.server.Rehearsal;
import org.filtermx.smtp.server.SmtpServer;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.filtermx.smtp.server.tls.ServerTlsContext;

/**
 * The SMTP resource adapter: owns the Netty event loops from {@code start} to {@code stop}, and
 * binds the listeners of each endpoint activation's role: the MX port for INBOUND; for SUBMISSION
 * the STARTTLS port (587) and, unless its port is 0, the implicit TLS port (465, RFC 8314), both
 * with the one TLS context (docs/adr/0026); for the IMAP endpoint ({@link ImapActivationSpec}) the
 * IMAP STARTTLS and implicit TLS ports. Endpoint calls run on the container's WorkManager.
 */
public class SmtpResourceAdapter extends SmtpAdapterProperties implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpResourceAdapter.class.getName());

    /**
     * Parallel loopback sessions of the rehearsal: enough to keep both cores of a small node busy.
     */
    private static final int REHEARSAL_SESSIONS = 4;

    private final Map<ActivationSpec, EndpointTarget> endpoints = new ConcurrentHashMap<>();
    private SmtpServerSettings settings;
    private ImapServerSettings imapSettings;
    private Duration warmup;
    private SslContext tls;
    private Executor executor;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;

    @Override
    public synchronized void start(BootstrapContext context)
            throws ResourceAdapterInternalException {
        try {
            settings = settings();
            imapSettings = imapSettings();
            warmup = warmup(ConfigValues.fromSystemEnvironment());
            tls = ServerTlsContext.create(settings);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new ResourceAdapterInternalException(
                    "SMTP resource adapter cannot start: " + e.getMessage(), e);
        }
        executor = new WorkManagerExecutor(context.getWorkManager());
        acceptors = SmtpServer.newGroup(1, "filtermx-smtp-accept");
        workers = SmtpServer.newGroup(0, "filtermx-smtp-io");
        LOG.info(
                () ->
                        "SMTP resource adapter started for "
                                + settings.serverName()
                                + " on "
                                + settings.bindAddress());
    }

    @Override
    public synchronized void stop() {
        endpoints.values().forEach(EndpointTarget::close);
        endpoints.clear();
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS)
                    .awaitUninterruptibly(10, TimeUnit.SECONDS);
            acceptors.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
            acceptors = null;
            workers = null;
        }
        LOG.info("SMTP resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
            throws ResourceException {
        if (spec instanceof ImapActivationSpec) {
            imapActivation(factory, spec);
            return;
        }
        if (!(spec instanceof SmtpActivationSpec smtpSpec)) {
            throw new NotSupportedException("not an SmtpActivationSpec: " + spec);
        }
        smtpSpec.validate();
        Role role = smtpSpec.role();
        List<SmtpServer> servers = new ArrayList<>();
        MessageEndpointInvoker invoker = new MessageEndpointInvoker(factory);
        synchronized (this) {
            if (workers == null) {
                throw new ResourceException("SMTP resource adapter is not started");
            }
            servers.add(new SmtpServer(settings, role, invoker, executor, tls, acceptors, workers));
            if (role == Role.SUBMISSION && settings.submissionsPort() != 0) {
                servers.add(
                        SmtpServer.implicitTls(
                                settings, invoker, executor, tls, acceptors, workers));
            }
        }
        EndpointTarget target = new EndpointTarget(factory, servers);
        boolean rehearse = role == Role.INBOUND && !warmup.isZero();
        try {
            for (SmtpServer server : servers) {
                if (rehearse) {
                    server.startPaused();
                } else {
                    server.start();
                }
            }
        } catch (IOException e) {
            target.close();
            throw new ResourceException(e.getMessage() + " (is the port already in use?)", e);
        }
        endpoints.put(spec, target);
        if (rehearse) {
            Thread thread =
                    new Thread(() -> rehearseThenAccept(invoker, servers), "smtp-rehearsal");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * The warm-up of ADR 0048: the MX port is bound but accepts nothing (clients wait in the
     * backlog) while the node's own loopback clients rehearse the mail path on a REHEARSAL
     * listener; then the MX port accepts. Whatever happens, it ends with the MX port accepting.
     */
    private void rehearseThenAccept(MessageEndpointInvoker invoker, List<SmtpServer> servers) {
        SmtpServer stage = null;
        try {
            synchronized (this) {
                if (workers == null) {
                    return;
                }
                stage =
                        new SmtpServer(
                                settings,
                                Role.REHEARSAL,
                                invoker,
                                executor,
                                null,
                                acceptors,
                                workers);
            }
            InetSocketAddress address = stage.start();
            LOG.info(() -> "rehearsing the mail path for " + warmup.toSeconds() + " s");
            Rehearsal.Result result = Rehearsal.run(address, warmup, REHEARSAL_SESSIONS);
            LOG.info(
                    () ->
                            "rehearsal done: "
                                    + result.accepted()
                                    + " messages taken, "
                                    + result.refused()
                                    + " refused, in "
                                    + result.took().toMillis()
                                    + " ms");
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "rehearsal skipped: " + e.getMessage());
        } finally {
            if (stage != null) {
                stage.close();
            }
            servers.forEach(SmtpServer::accept);
        }
    }

    /**
     * The IMAP endpoint (issue 16): the STARTTLS listener and, unless its port is 0, the implicit
     * TLS one, with the SMTP listeners' TLS context, event loops, WorkManager and limits.
     */
    private void imapActivation(MessageEndpointFactory factory, ActivationSpec spec)
            throws ResourceException {
        spec.validate();
        List<ImapServer> servers = new ArrayList<>();
        synchronized (this) {
            if (workers == null) {
                throw new ResourceException("SMTP resource adapter is not started");
            }
            ImapEndpointInvoker invoker = new ImapEndpointInvoker(factory);
            servers.add(
                    new ImapServer(
                            imapSettings, invoker, executor, tls, false, acceptors, workers));
            if (imapSettings.implicitTlsPort() != 0) {
                servers.add(
                        new ImapServer(
                                imapSettings, invoker, executor, tls, true, acceptors, workers));
            }
        }
        EndpointTarget target = new EndpointTarget(factory, servers);
        try {
            for (ImapServer server : servers) {
                server.start();
            }
        } catch (IOException e) {
            target.close();
            throw new ResourceException(e.getMessage() + " (is the port already in use?)", e);
        }
        endpoints.put(spec, target);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        EndpointTarget target = endpoints.remove(spec);
        if (target != null) {
            target.close();
        }
    }

    /** No transactional delivery (NoTransaction): there are no XA resources to recover. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** JCA 2.1 section 5.3.1: equality by configuration, which IronJacamar insists on. */
    @Override
    public boolean equals(Object other) {
        return other != null
                && other.getClass() == getClass()
                && propertyValues().equals(((SmtpResourceAdapter) other).propertyValues());
    }

    @Override
    public int hashCode() {
        return propertyValues().hashCode();
    }
}
