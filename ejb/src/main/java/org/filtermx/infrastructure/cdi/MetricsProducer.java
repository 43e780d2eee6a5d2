package org.filtermx.infrastructure.cdi;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.filtermx.application.port.Metrics;
import org.filtermx.infrastructure.metrics.MicrometerMetrics;

/**
 * The {@link Metrics} port on the registry of WildFly's micrometer subsystem, once per application;
 * counting nothing on a server provisioned without that subsystem.
 */
@ApplicationScoped
public class MetricsProducer {

    private static final Logger LOG = Logger.getLogger(MetricsProducer.class.getName());

    @Inject private Instance<MeterRegistry> registry;

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        if (registry.isUnsatisfied()) {
            LOG.warning("no Micrometer registry (micrometer subsystem missing): no metrics");
            return Metrics.NONE;
        }
        MeterRegistry r = registry.get();
        LOG.info(() -> "metrics registered with " + r.getClass().getSimpleName());
        return new MicrometerMetrics(r);
    }

    /**
     * Registers the meters when the application starts, so that the first scrape shows every name
     * at zero instead of only those something has counted.
     */
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object start, Metrics m) {
        m.queueCounted(0, null);
    }
}
