package org.filtermx.it.server;

import java.io.File;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.deployment.TargetDescription;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.StartContainer;
import org.jboss.arquillian.container.spi.event.StopContainer;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * Starts the server before a test class when it is not running (the first class, or one after a
 * test that could not bring it back), deploys the built EAR into it once, and stops it after the
 * suite. The container's mode is {@code custom}, which Arquillian neither starts nor stops by
 * itself but lets tests crash, stop and start; a deployment made through the management API is
 * part of the server's configuration, so every restart deploys the same EAR again.
 */
public final class SuiteServerLifecycle {

    private static final Logger LOG = Logger.getLogger(SuiteServerLifecycle.class.getName());

    @Inject private Instance<ContainerRegistry> registry;
    @Inject private Event<StartContainer> start;
    @Inject private Event<StopContainer> stop;
    @Inject private Event<DeployDeployment> deploy;

    private boolean deployed;

    /** Runs before Arquillian's own handling of the class, which deploys the class's archives. */
    public void beforeClass(@Observes(precedence = 100) BeforeClass event) throws Exception {
        Container server = server();
        if (server.getState() != Container.State.STARTED) {
            start.fire(new StartContainer(server));
        }
        if (!deployed) {
            File ear = new File(System.getProperty("filtermx.ear", "../ear/target/filtermx.ear"));
            LOG.info("deploying " + ear);
            DeploymentDescription description = new DeploymentDescription("filtermx.ear",
                    ShrinkWrap.create(ZipImporter.class, "filtermx.ear").importFrom(ear).as(EnterpriseArchive.class))
                    .shouldBeTestable(false)
                    .shouldBeManaged(false)
                    .setTarget(new TargetDescription(SuiteServer.QUALIFIER));
            Deployment deployment = new Deployment(description);
            deploy.fire(new DeployDeployment(server, deployment));
            if (!deployment.isDeployed()) {
                throw new IllegalStateException("filtermx.ear not deployed", deployment.getDeploymentError());
            }
            deployed = true;
        }
    }

    public void afterSuite(@Observes AfterSuite event) {
        stop.fire(new StopContainer(server()));
    }

    private Container server() {
        for (Container c : registry.get().getContainers()) {
            if (c.getName().equals(SuiteServer.QUALIFIER)) {
                return c;
            }
        }
        throw new IllegalStateException("no container " + SuiteServer.QUALIFIER + " in arquillian.xml");
    }
}
