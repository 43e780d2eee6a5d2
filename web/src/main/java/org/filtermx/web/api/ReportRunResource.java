package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.filtermx.application.Conflict;
import org.filtermx.application.ReportRuns;

/**
 * {@code POST /reports/runs}: starts the run of every report due now, as the daily timer would, and
 * answers 202 at once; 409 while a run started this way still works on the node. Administrators
 * only. The run's outcome is in the server log; the reports are in the message log.
 */
@Path("/reports/runs")
@Produces(MediaType.APPLICATION_JSON)
public class ReportRunResource {

    @Inject private ReportRuns runs;
    @Inject private CurrentCaller caller;

    @POST
    public Response start() {
        if (!runs.startNow(caller.get())) {
            throw new Conflict("a report run is already running on this node; try again later");
        }
        return Response.accepted(Map.of("status", "started")).build();
    }
}
