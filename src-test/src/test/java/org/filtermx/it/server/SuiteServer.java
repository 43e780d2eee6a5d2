package org.filtermx.it.server;

import org.jboss.arquillian.container.spi.ServerKillProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the suite's server life cycle with Arquillian: one start and one deployment of the
 * EAR for all test classes ({@link SuiteServerLifecycle}), and a kill that is a power cut
 * ({@link PowerCut}).
 */
public final class SuiteServer implements LoadableExtension {

    /** The container's qualifier in {@code arquillian.xml}. */
    public static final String QUALIFIER = "filtermx";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(SuiteServerLifecycle.class);
        builder.service(ServerKillProcessor.class, PowerCut.class);
    }
}
