package org.filtermx.interfaces.timer;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.internal.posture.DmarcReportStore;

/**
 * Every ten minutes on each node: parses the DMARC report mails whose parsing a restart cut short
 * (kept before the 250, so none is lost), and removes old report mails and reports. Several nodes
 * doing it at once is harmless: reports are stored once per (org_name, report_id).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DmarcInboxSweep {

    private static final Logger LOG = Logger.getLogger(DmarcInboxSweep.class.getName());

    @Inject private DmarcReportStore store;

    @Schedule(persistent = false, hour = "*", minute = "*/10", info = "dmarc-inbox-sweep")
    void sweep() {
        try {
            Instant now = Instant.now();
            for (long id : store.unparsed(now)) {
                try {
                    store.parse(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "DMARC report mail " + id + " not parsed", e);
                }
            }
            store.purge(now);
        } catch (RuntimeException e) {
            // Not rethrown: the next sweep tries again.
            LOG.log(Level.WARNING, "DMARC report sweep failed", e);
        }
    }
}
