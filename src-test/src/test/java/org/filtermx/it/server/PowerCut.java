package org.filtermx.it.server;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ServerKillProcessor;

/**
 * Arquillian's kill as a power cut: SIGKILL to the server's JVM (the managed container runs it as a
 * child of the test JVM), so nothing of the server's shutdown runs. Arquillian's default kill is a
 * clean stop, which would prove nothing about durability. Afterwards the container forgets the dead
 * process, so that the next start launches a new one.
 */
public final class PowerCut implements ServerKillProcessor {

    @Override
    public void kill(Container container) throws Exception {
        List<ProcessHandle> servers =
                ProcessHandle.current()
                        .children()
                        .filter(
                                p ->
                                        p.info()
                                                .commandLine()
                                                .orElse("")
                                                .contains("jboss-modules.jar"))
                        .toList();
        if (servers.isEmpty()) {
            throw new IllegalStateException("no server process to kill");
        }
        for (ProcessHandle server : servers) {
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
        }
        container.getDeployableContainer().stop();
    }
}
