package org.filtermx.interfaces.timer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Housekeeping;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * Expires held messages and purges old log entries on a persistent interval timer: persistent so
 * that a node down when a run was due catches up when it starts (EJB 3.2 §13.2.7). Each run works
 * in batches of {@link Housekeeping#BATCH}, each its own short transaction, for at most {@link
 * #RUN_BUDGET_MILLIS} so the next run carries on with a large backlog. The timer lives in the
 * database timer store, so with several nodes each run happens on one of them; the batches lock
 * their rows all the same, so two nodes never expire the same message twice.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Housekeeper {

    static final String TIMER_NAME = "housekeeping";
    static final long RUN_BUDGET_MILLIS = 60_000;

    private static final Logger LOG = Logger.getLogger(Housekeeper.class.getName());

    @Resource private TimerService timers;
    @Inject private Housekeeping housekeeping;
    @Inject private GatewaySettings settings;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = settings.housekeepingInterval().toMillis();
        // The interval is part of the timer's name: a persistent timer made with another interval
        // (the setting changed) is replaced rather than kept.
        String name = TIMER_NAME + ":" + interval;
        boolean current = false;
        for (Timer t : timers.getTimers()) {
            if (t.getInfo() instanceof String info && info.startsWith(TIMER_NAME)) {
                if (!current && info.equals(name)) {
                    current = true;
                } else {
                    t.cancel();
                }
            }
        }
        if (!current) {
            timers.createIntervalTimer(interval, interval, new TimerConfig(name, true));
        }
    }

    @Timeout
    void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            long deadline = System.currentTimeMillis() + RUN_BUDGET_MILLIS;
            int expired = drain(housekeeping::expireQuarantine, deadline);
            int purged = drain(housekeeping::purgeLog, deadline);
            housekeeping.forgetLoginAttempts();
            housekeeping.forgetOutgoingUsage();
            int bodies = drain(housekeeping::purgeBodies, deadline);
            housekeeping.purgeLoginLinks();
            drain(housekeeping::purgeSentReports, deadline);
            drain(housekeeping::purgeRecipientChecks, deadline);
            drain(housekeeping::purgeDiscoveryEvidence, deadline);
            drain(housekeeping::purgeTrainingFailures, deadline);
            int welcomes = housekeeping.sendPendingWelcomes();
            if (welcomes > 0) {
                LOG.info("housekeeping: " + welcomes + " pending welcome mails sent");
            }
            if (expired + purged + bodies > 0) {
                LOG.info(
                        "housekeeping: "
                                + expired
                                + " held messages expired, "
                                + purged
                                + " log entries purged, "
                                + bodies
                                + " unused message bodies removed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "housekeeping failed, next run will retry: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    private static int drain(IntSupplier batch, long deadline) {
        int total = 0;
        int n;
        do {
            n = batch.getAsInt();
            total += n;
        } while (n == Housekeeping.BATCH && System.currentTimeMillis() < deadline);
        return total;
    }
}
