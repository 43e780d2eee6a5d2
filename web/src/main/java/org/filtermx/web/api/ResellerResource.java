package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.ResellerService;
import org.filtermx.application.ResellerService.ResellerEntry;

/**
 * Resellers: {@code POST /resellers {"username":"r1","password":"..."}} (an administrator adds a
 * reseller, a reseller a sub-reseller), {@code GET /resellers}, {@code DELETE /resellers/{name}},
 * {@code PUT /resellers/{name}/password {"password":"..."}}.
 */
@Path("/resellers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResellerResource {

    public record NewReseller(String username, String password) {}

    public record NewPassword(String password) {}

    @Inject private ResellerService resellers;
    @Inject private CurrentCaller caller;

    @POST
    public Response add(NewReseller body) {
        if (body == null) {
            throw new InvalidRequest("a JSON body {\"username\":...,\"password\":...} is required");
        }
        ResellerEntry created = resellers.add(caller.get(), body.username(), body.password());
        return Response.created(
                        UriBuilder.fromPath("/api/v1/resellers/{name}").build(created.username()))
                .entity(created)
                .build();
    }

    @GET
    public List<ResellerEntry> list() {
        return resellers.list(caller.get());
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        resellers.remove(caller.get(), name);
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}/password")
    public Response password(@PathParam("name") String name, NewPassword body) {
        resellers.changePassword(caller.get(), name, body == null ? null : body.password());
        return Response.noContent().build();
    }
}
