package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.filtermx.application.DkimKeyDetails;
import org.filtermx.application.DkimKeyService;

/**
 * {@code /domains/{name}/dkim}: a hosted domain's DKIM keys, each with the TXT record to publish
 * (docs/customer-guide.md, "DKIM signing"). A new key signs only once activated.
 */
@Path("/domains/{name}/dkim")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DkimResource {

    /** Body of {@code POST}: {@code rsa} (default) or {@code ed25519}; selector optional. */
    public record NewKey(String algorithm, String selector) {}

    @Inject private DkimKeyService keys;
    @Inject private CurrentCaller caller;

    @GET
    public List<DkimKeyDetails> list(@PathParam("name") String name) {
        return keys.list(caller.get(), name);
    }

    @POST
    public Response generate(@PathParam("name") String name, NewKey body) {
        DkimKeyDetails key =
                keys.generate(
                        caller.get(),
                        name,
                        body == null ? null : body.algorithm(),
                        body == null ? null : body.selector());
        return Response.created(
                        UriBuilder.fromPath("/api/v1/domains/{name}/dkim/{id}")
                                .build(key.domain(), key.id()))
                .entity(key)
                .build();
    }

    @POST
    @Path("{id}/activate")
    public DkimKeyDetails activate(@PathParam("name") String name, @PathParam("id") long id) {
        return keys.activate(caller.get(), name, id);
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("name") String name, @PathParam("id") long id) {
        keys.remove(caller.get(), name, id);
        return Response.noContent().build();
    }
}
