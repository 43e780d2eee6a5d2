package org.filtermx.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
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
 */
@ApplicationScoped
public class ReadinessChecks {

    @Inject private org.filtermx.application.HealthCheck health;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> HealthCheckResponse.named("database").status(health.databaseUp()).build();
    }

    @Produces
    @Readiness
    HealthCheck spoolStorage() {
        return () -> {
            Optional<String> problem = health.storageProblem();
            HealthCheckResponseBuilder b =
                    HealthCheckResponse.named("spool-storage").status(problem.isEmpty());
            problem.ifPresent(p -> b.withData("problem", p));
            return b.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck smtpListener() {
        return () ->
                HealthCheckResponse.named("smtp-listener").status(health.smtpListenerUp()).build();
    }

    @Produces
    @Readiness
    HealthCheck engines() {
        return () -> {
            Map<String, String> down = health.enginesDown();
            HealthCheckResponseBuilder b =
                    HealthCheckResponse.named("engines")
                            .status(down.isEmpty())
                            .withData("configured", String.join(",", health.engines()));
            down.forEach((name, why) -> b.withData(name, "DOWN: " + why));
            return b.build();
        };
    }

    @Produces
    @Liveness
    HealthCheck deployment() {
        return () -> HealthCheckResponse.up("deployment");
    }
}
