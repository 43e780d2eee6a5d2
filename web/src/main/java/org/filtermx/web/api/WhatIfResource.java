package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.WhatIfService;
import org.filtermx.application.WhatIfService.Change;
import org.filtermx.application.WhatIfService.Result;

/**
 * {@code POST /domains/{name}/what-if}: what a proposed filter policy (the body of {@code PUT
 * /domains/{name}/filter-policy}, plus {@code addListEntries}) would have done to the domain's last
 * 30 days of mail. Nothing is saved; a change the log cannot answer gets a 400.
 */
@Path("/domains/{name}/what-if")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WhatIfResource {

    @Inject private WhatIfService whatIf;
    @Inject private CurrentCaller caller;

    @POST
    public Result simulate(@PathParam("name") String name, Change body) {
        return whatIf.simulate(caller.get(), name, body);
    }
}
