package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.WhatIfService;
import org.filtermx.application.WhatIfService.Change;
import org.filtermx.application.WhatIfService.Result;

/**
 * {@code POST /what-if}: what a change of the cluster defaults ({@code PUT /filter-policy}'s body,
 * plus cluster list entries) would have done to every domain's last 30 days of mail, domains with
 * their own thresholds keeping them. Administrators only.
 */
@Path("/what-if")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClusterWhatIfResource {

    @Inject private WhatIfService whatIf;
    @Inject private CurrentCaller caller;

    @POST
    public Result simulate(Change body) {
        return whatIf.simulate(caller.get(), "", body);
    }
}
