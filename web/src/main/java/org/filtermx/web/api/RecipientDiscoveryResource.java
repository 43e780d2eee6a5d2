package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.DiscoveredRecipients;
import org.filtermx.application.RecipientDiscoveryService;

/**
 * {@code /domains/{name}/recipient-discovery}: the addresses of a hosted domain learned from its
 * outgoing mail and the panel's lists, with what applying them as the local recipients list would
 * refuse (GET, {@code ?mode=merge|replace}); a POST of the reviewed etag applies them and makes the
 * domain refuse unknown recipients at RCPT (409 when the view is stale).
 */
@Path("/domains/{name}/recipient-discovery")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecipientDiscoveryResource {

    /** Body of {@code POST}: the mode reviewed ({@code merge} by default) and its etag. */
    public record Apply(String mode, String etag) {}

    @Inject private RecipientDiscoveryService discovery;
    @Inject private CurrentCaller caller;

    @GET
    public DiscoveredRecipients candidates(
            @PathParam("name") String name, @QueryParam("mode") String mode) {
        return discovery.candidates(caller.get(), name, mode);
    }

    @POST
    public DiscoveredRecipients apply(@PathParam("name") String name, Apply body) {
        return discovery.apply(
                caller.get(),
                name,
                body == null ? null : body.mode(),
                body == null ? null : body.etag());
    }
}
