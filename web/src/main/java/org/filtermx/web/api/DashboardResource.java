package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.DashboardService;

/**
 * {@code GET /dashboard?days=14}: mail per day and the senders held most, over what the caller may
 * see.
 */
@Path("/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    @Inject private DashboardService dashboard;
    @Inject private CurrentCaller caller;

    @GET
    public DashboardService.Summary summary(@QueryParam("days") String days) {
        Long n = Params.number("days", days);
        return dashboard.summary(caller.get(), n == null ? 14 : (int) Math.max(1, Math.min(n, 31)));
    }
}
