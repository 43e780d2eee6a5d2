package org.filtermx.it.server;

import java.util.Map;
import org.jboss.arquillian.container.spi.ServerKillProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The suite's server under Arquillian: registers the EAR's one deployment ({@link
 * SuiteServerLifecycle}) and a kill that is a power cut ({@link PowerCut}), and lets the disruptive
 * tests crash, stop and start the server that Arquillian manages.
 */
public final class SuiteServer implements LoadableExtension {

    /** The container's qualifier in {@code arquillian.xml}. */
    public static final String QUALIFIER = "filtermx";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(SuiteServerLifecycle.class);
        builder.service(ServerKillProcessor.class, PowerCut.class);
    }

    /** SIGKILL to the server, like a power cut. */
    public static void kill() {
        lifecycle().kill();
    }

    /** A clean stop of the server. */
    public static void stop() {
        lifecycle().stop();
    }

    /**
     * Starts the server, with these properties of its {@code arquillian.xml} configuration replaced
     * (they stay replaced until the next start that replaces them), and waits until it runs.
     */
    public static void start(Map<String, String> configuration) {
        lifecycle().start(configuration);
    }

    public static boolean started() {
        return lifecycle().started();
    }

    private static SuiteServerLifecycle lifecycle() {
        SuiteServerLifecycle current = SuiteServerLifecycle.current;
        if (current == null) {
            throw new IllegalStateException("no test class has run under Arquillian yet");
        }
        return current;
    }
}
