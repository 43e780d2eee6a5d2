package org.filtermx.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this node can take mail ({@code /health/ready}): the database answers, the spool storage
 * has room, the inbound SMTP listener is bound, and no engine failed its last message. A load
 * balancer or orchestrator sends mail elsewhere while one is DOWN. Liveness ({@code /health/live})
 * only says that the deployment runs: none of those is cured by restarting the JVM.
 *
 * <p>The checks ask the EJB module's {@link NodeHealth} bean, found by its global JNDI name: CDI
 * beans of the EAR's {@code lib/} do not see those of its modules.
 */
@ApplicationScoped
public class ReadinessChecks {

    /** The EJB module's NodeHealth bean (the EAR is deployed as {@code filtermx.ear}). */
    static final String NODE_HEALTH =
            "java:global/filtermx/filtermx-ejb/DefaultHealthCheck!" + NodeHealth.class.getName();

    private volatile NodeHealth health;

    /**
     * {@code check} of the application's view, or DOWN named {@code name} while the application
     * cannot be reached (not deployed yet, or failed).
     */
    private HealthCheckResponse ask(String name, Function<NodeHealth, HealthCheckResponse> check) {
        NodeHealth h = health;
        if (h == null) {
            try {
                h = (NodeHealth) new InitialContext().lookup(NODE_HEALTH);
                health = h;
            } catch (NamingException | RuntimeException e) {
                return HealthCheckResponse.named(name)
                        .down()
                        .withData("problem", "application not reachable")
                        .build();
            }
        }
        return check.apply(h);
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () ->
                ask(
                        "database",
                        h -> HealthCheckResponse.named("database").status(h.databaseUp()).build());
    }

    @Produces
    @Readiness
    HealthCheck spoolStorage() {
        return () ->
                ask(
                        "spool-storage",
                        h -> {
                            Optional<String> problem = h.storageProblem();
                            HealthCheckResponseBuilder b =
                                    HealthCheckResponse.named("spool-storage")
                                            .status(problem.isEmpty());
                            problem.ifPresent(p -> b.withData("problem", p));
                            return b.build();
                        });
    }

    @Produces
    @Readiness
    HealthCheck smtpListener() {
        return () ->
                ask(
                        "smtp-listener",
                        h ->
                                HealthCheckResponse.named("smtp-listener")
                                        .status(h.smtpListenerUp())
                                        .build());
    }

    @Produces
    @Readiness
    HealthCheck engines() {
        return () ->
                ask(
                        "engines",
                        h -> {
                            Map<String, String> down = h.enginesDown();
                            HealthCheckResponseBuilder b =
                                    HealthCheckResponse.named("engines")
                                            .status(down.isEmpty())
                                            .withData("configured", String.join(",", h.engines()));
                            down.forEach((name, why) -> b.withData(name, "DOWN: " + why));
                            return b.build();
                        });
    }

    @Produces
    @Liveness
    HealthCheck deployment() {
        return () -> HealthCheckResponse.up("deployment");
    }
}
