package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.Posture;
import org.filtermx.application.PostureService;

/**
 * {@code /domains/{name}/posture}: the domain's authentication posture (DMARC record, the sources
 * in the DMARC reports of the last 30 days, the hosted MTA-STS policy, the DNS records to publish,
 * a score and the next step); {@code PUT .../posture/mta-sts} sets the hosted policy's mode.
 */
@Path("/domains/{name}/posture")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostureResource {

    /** Body of {@code PUT .../mta-sts}: testing, enforce or none. */
    public record MtaStsMode(String mode) {}

    @Inject private PostureService posture;
    @Inject private CurrentCaller caller;

    @GET
    public Posture get(@PathParam("name") String name) {
        return posture.posture(caller.get(), name);
    }

    @PUT
    @Path("mta-sts")
    public Posture setMtaSts(@PathParam("name") String name, MtaStsMode body) {
        return posture.setMtaStsMode(caller.get(), name, body == null ? null : body.mode());
    }
}
