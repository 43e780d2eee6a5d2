package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.ReleaseKeyService;

/**
 * {@code POST /admin/release-key/rotate}: a new key signs release links from now on, on every node
 * within seconds; {@code ?revokePrevious=true} also invalidates every link issued so far (ADR
 * 0018). Administrators only.
 */
@Path("/admin/release-key")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseKeyResource {

    @Inject private ReleaseKeyService keys;
    @Inject private CurrentCaller caller;

    @POST
    @Path("rotate")
    public ReleaseKeyService.Rotation rotate(@QueryParam("revokePrevious") boolean revokePrevious) {
        return keys.rotate(caller.get(), revokePrevious);
    }
}
