package org.filtermx.it.server;

import java.io.File;
import java.util.Map;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.deployment.TargetDescription;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.KillContainer;
import org.jboss.arquillian.container.spi.event.SetupContainer;
import org.jboss.arquillian.container.spi.event.StartContainer;
import org.jboss.arquillian.container.spi.event.StopContainer;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * Deploys the built EAR into the suite's server once, before the first test class, and starts the
 * server again before a class when a test before it left it down. Arquillian starts and stops the
 * server itself (mode {@code suite}); the disruptive tests crash, stop and start it through {@link
 * SuiteServer}, which fires the same container events as Arquillian's own controller. A deployment
 * made through the management API is part of the server's configuration, so every restart deploys
 * the same EAR again.
 */
public final class SuiteServerLifecycle {

    private static final Logger LOG = Logger.getLogger(SuiteServerLifecycle.class.getName());

    /** The observer Arquillian made, for {@link SuiteServer}'s static controls. */
    static volatile SuiteServerLifecycle current;

    @Inject private Instance<ContainerRegistry> registry;
    @Inject private Event<SetupContainer> setup;
    @Inject private Event<StartContainer> start;
    @Inject private Event<StopContainer> stop;
    @Inject private Event<KillContainer> kill;
    @Inject private Event<DeployDeployment> deploy;

    private boolean deployed;

    /** Runs before Arquillian's own handling of the class, which deploys the class's archives. */
    public void beforeClass(@Observes(precedence = 100) BeforeClass event) throws Exception {
        current = this;
        Container server = server();
        if (server.getState() != Container.State.STARTED) {
            start.fire(new StartContainer(server));
        }
        if (!deployed) {
            File ear = new File(System.getProperty("filtermx.ear", "../ear/target/filtermx.ear"));
            LOG.info("deploying " + ear);
            DeploymentDescription description =
                    new DeploymentDescription(
                                    "filtermx.ear",
                                    ShrinkWrap.create(ZipImporter.class, "filtermx.ear")
                                            .importFrom(ear)
                                            .as(EnterpriseArchive.class))
                            .shouldBeTestable(false)
                            .shouldBeManaged(false)
                            .setTarget(new TargetDescription(SuiteServer.QUALIFIER));
            Deployment deployment = new Deployment(description);
            deploy.fire(new DeployDeployment(server, deployment));
            if (!deployment.isDeployed()) {
                throw new IllegalStateException(
                        "filtermx.ear not deployed", deployment.getDeploymentError());
            }
            deployed = true;
        }
    }

    void kill() {
        kill.fire(new KillContainer(server()));
    }

    void stop() {
        stop.fire(new StopContainer(server()));
    }

    /** Starts the server with these configuration properties of {@code arquillian.xml} replaced. */
    void start(Map<String, String> configuration) {
        Container server = server();
        configuration.forEach(server.getContainerConfiguration()::overrideProperty);
        setup.fire(new SetupContainer(server));
        start.fire(new StartContainer(server));
    }

    boolean started() {
        return server().getState() == Container.State.STARTED;
    }

    private Container server() {
        for (Container c : registry.get().getContainers()) {
            if (c.getName().equals(SuiteServer.QUALIFIER)) {
                return c;
            }
        }
        throw new IllegalStateException(
                "no container " + SuiteServer.QUALIFIER + " in arquillian.xml");
    }
}
