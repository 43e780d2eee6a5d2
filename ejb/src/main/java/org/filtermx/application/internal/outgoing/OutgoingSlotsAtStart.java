package org.filtermx.application.internal.outgoing;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;
import org.filtermx.application.port.InstallationSettings;
import org.filtermx.domain.model.outgoing.OutgoingUsageRepository;

/**
 * Gives back, when this node starts, the connection slots its previous run held: its connections
 * ended with it, and their {@code closed} never came. Slots of other nodes that stopped for good
 * stop counting after {@link SendingLimits#MAX_SESSION_AGE}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class OutgoingSlotsAtStart {

    private static final Logger LOG = Logger.getLogger(OutgoingSlotsAtStart.class.getName());

    @Inject private OutgoingUsageRepository usage;
    @Inject private InstallationSettings settings;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void clear() {
        int cleared =
                usage.clearSessions(
                        settings.nodeName(), Instant.now().minus(SendingLimits.MAX_SESSION_AGE));
        if (cleared > 0) {
            LOG.info("Gave back " + cleared + " outgoing connection slots of the previous run");
        }
    }
}
