package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.filtermx.application.HealthCheck;

/**
 * {@code GET /health}: 200 when the database and the inbound SMTP listener are up, 503 otherwise,
 * with the state of each part: the API's summary of the checks that WildFly serves in full at the
 * management interface's {@code /health/ready}. The listener is up when its socket is bound, as the
 * resource adapter reports it; no SMTP connection is made, so probing does not count against the
 * per-address connection limit.
 */
@Path("/health")
@Public
public class HealthResource {

    @Inject private HealthCheck health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("database", health.databaseUp() ? "UP" : "DOWN");
        parts.put("smtp", health.smtpListenerUp() ? "UP" : "DOWN");
        boolean up = parts.values().stream().allMatch("UP"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("parts", parts);
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body)
                .build();
    }
}
