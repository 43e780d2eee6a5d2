package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.ListEntry;
import org.filtermx.application.InvalidRequest;

/**
 * Allow and block lists: {@code POST /lists} {@code {"owner":"example.com","action":"ALLOW",
 * "matchOn":"SENDER","pattern":"partner.example"}}; owner "" is the cluster, a domain name the
 * domain, an address the email user.
 */
@Path("/lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ListResource {

    /** Body of {@code POST /lists}. */
    public record NewEntry(String owner, String action, String matchOn, String pattern) {}

    @Inject private FilterAdministration filters;
    @Inject private CurrentCaller caller;

    @GET
    public List<ListEntry> list(@QueryParam("owner") String owner) {
        return filters.listEntries(caller.get(), owner);
    }

    @POST
    public Response add(NewEntry body) {
        if (body == null) {
            throw new InvalidRequest("the body needs owner, action, matchOn and pattern");
        }
        return Response.status(Response.Status.CREATED)
                .entity(
                        filters.addListEntry(
                                caller.get(),
                                body.owner(),
                                body.action(),
                                body.matchOn(),
                                body.pattern()))
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        try {
            filters.removeListEntry(caller.get(), Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new InvalidRequest("id must be a whole number");
        }
        return Response.noContent().build();
    }
}
