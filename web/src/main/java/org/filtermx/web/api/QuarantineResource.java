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
import java.util.Map;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.QuarantineDetails;
import org.filtermx.application.QuarantineEntry;
import org.filtermx.application.QuarantineService;
import org.filtermx.application.QuarantineService.Action;
import org.filtermx.domain.model.shared.Keyword;

/**
 * The quarantine: {@code GET /quarantine} lists held messages newest first (pass the last id as
 * {@code before} for the next page); {@code POST /quarantine/{id}/release} and the other actions
 * act on one; {@code POST /quarantine/actions} on many; {@code GET /quarantine/{id}/preview} shows
 * its text as the console does; {@code GET /quarantine/{id}/release-link?recipient=} makes a signed
 * release link.
 */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    /** A bulk action: {@code {"action":"release","ids":[1,2,3]}}. */
    public record BulkAction(String action, List<Long> ids) {}

    @Inject private QuarantineService quarantine;
    @Inject private CurrentCaller caller;

    @GET
    public List<QuarantineEntry> list(
            @QueryParam("domain") String domain,
            @QueryParam("recipient") String recipient,
            @QueryParam("sender") String sender,
            @QueryParam("direction") String direction,
            @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        Long beforeId = Params.number("before", before);
        Long n = Params.number("limit", limit);
        return quarantine.list(
                caller.get(),
                new QuarantineService.Filter(
                        domain,
                        recipient,
                        sender,
                        direction == null || direction.isBlank() ? null : direction,
                        beforeId,
                        n == null ? 100 : (int) Math.max(1, Math.min(n, 500))));
    }

    @GET
    @Path("{id}")
    public QuarantineDetails get(@PathParam("id") String id) {
        return quarantine.get(caller.get(), id(id));
    }

    @GET
    @Path("{id}/raw")
    @Produces("message/rfc822")
    public byte[] raw(@PathParam("id") String id) {
        return quarantine.content(caller.get(), id(id));
    }

    /**
     * The text the console's preview shows: the plain text part, or the visible text of the HTML
     * part, never markup (see {@link HeldMessageContent#text()}).
     */
    @GET
    @Path("{id}/preview")
    @Produces("text/plain; charset=UTF-8")
    public String preview(@PathParam("id") String id) {
        return quarantine.read(caller.get(), id(id)).text();
    }

    @DELETE
    @Path("{id}")
    public QuarantineService.Outcome delete(
            @PathParam("id") String id, @QueryParam("recipient") String recipient) {
        return quarantine.act(caller.get(), id(id), Action.DELETE, recipient);
    }

    /**
     * {@code release}, {@code release-and-train}, {@code allow-and-release}, {@code
     * block-and-delete}, {@code delete}, {@code train-spam}.
     */
    @POST
    @Path("{id}/{action}")
    public QuarantineService.Outcome act(
            @PathParam("id") String id,
            @PathParam("action") String action,
            @QueryParam("recipient") String recipient) {
        return quarantine.act(caller.get(), id(id), action(action), recipient);
    }

    @POST
    @Path("actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<QuarantineService.Outcome> bulk(BulkAction request) {
        if (request == null) {
            throw new InvalidRequest("a JSON body {\"action\":...,\"ids\":[...]} is required");
        }
        return quarantine.actOnAll(caller.get(), request.ids(), action(request.action()));
    }

    @GET
    @Path("{id}/release-link")
    public Response releaseLink(
            @PathParam("id") String id, @QueryParam("recipient") String recipient) {
        return Response.ok(Map.of("url", quarantine.releaseLink(caller.get(), id(id), recipient)))
                .build();
    }

    private static long id(String value) {
        Long id = Params.number("id", value);
        if (id == null) {
            throw new InvalidRequest("id is required");
        }
        return id;
    }

    static Action action(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequest("action is required");
        }
        try {
            return Action.valueOf(Keyword.upper(name).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(
                    "action must be one of release, release-and-train, allow-and-release,"
                            + " block-and-delete, delete, train-spam");
        }
    }
}
