package org.filtermx.interfaces.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.filtermx.application.DeliveryService;
import org.filtermx.application.ReportRuns;
import org.filtermx.application.port.InstallationSettings;
import org.wildfly.clustering.Registration;
import org.wildfly.clustering.group.Group;
import org.wildfly.clustering.group.Membership;
import org.wildfly.clustering.group.Node;

/**
 * Follows WildFly's cluster view (the default JGroups channel's membership) and, when a node leaves
 * it, has the delivery service take over that node's delivery leases at once instead of when they
 * expire (ADR 0052), and finishes the persistent timers' runs that node had claimed, the daily
 * report run among them (ADR 0056). A node's member name is its {@code jboss.node.name}, the name
 * that owns its leases. The view arrives on a JGroups thread, so the work goes to a managed
 * executor.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMembership {

    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    /** The default group: the default channel's members, or this node alone without JGroups. */
    @Resource(lookup = "java:jboss/clustering/group/default")
    private Group group;

    @Resource private ManagedExecutorService executor;
    @Inject private DeliveryService delivery;
    @Inject private ReportRuns reports;
    @Inject private InstallationSettings settings;

    private Registration registration;

    @PostConstruct
    void start() {
        String member = group.getLocalMember().getName();
        if (!member.equals(settings.nodeName())) {
            LOG.warning(
                    "the cluster knows this node as "
                            + member
                            + " but its delivery leases are held as "
                            + settings.nodeName()
                            + ": another node will not take them over when this one leaves");
        }
        registration = group.register(this::membershipChanged);
        LOG.info("cluster view: " + names(group.getMembership()));
    }

    @PreDestroy
    void stop() {
        if (registration != null) {
            registration.close();
        }
    }

    private void membershipChanged(Membership previous, Membership current, boolean merged) {
        Set<String> departed = new LinkedHashSet<>(names(previous));
        departed.removeAll(names(current));
        departed.remove(group.getLocalMember().getName());
        LOG.info(
                "cluster view: "
                        + names(current)
                        + (merged ? " (merged)" : "")
                        + (departed.isEmpty() ? "" : ", left: " + departed));
        if (!departed.isEmpty()) {
            executor.execute(() -> takeOver(departed));
        }
    }

    private void takeOver(Set<String> departed) {
        try {
            delivery.takeOverFrom(departed);
        } catch (RuntimeException e) {
            // The leases still expire; the queue scan then finds the messages due.
            LOG.log(Level.WARNING, "could not take over the leases of " + departed, e);
        }
        try {
            reports.takeOverFrom(departed);
        } catch (RuntimeException e) {
            // Their timers then wait for those nodes to start again (ADR 0056).
            LOG.log(Level.WARNING, "could not take over the timer runs of " + departed, e);
        }
    }

    private static List<String> names(Membership membership) {
        return membership.getMembers().stream().map(Node::getName).collect(Collectors.toList());
    }
}
