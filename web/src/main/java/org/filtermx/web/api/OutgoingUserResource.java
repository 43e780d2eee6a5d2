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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.OutgoingBreakerService;
import org.filtermx.application.OutgoingBreakerService.BreakerStatus;
import org.filtermx.application.OutgoingUserService;
import org.filtermx.application.OutgoingUserService.OutgoingUserEntry;
import org.filtermx.application.OutgoingUserService.Settings;

/**
 * Outgoing users of the submission ports (docs/customer-guide.md, "Outgoing users"): {@code POST
 * /outgoing-users {"domain":"example.com","username":"shop","password":"..."}} or {@code
 * {"domain":"example.com","ip":"192.0.2.0/24, 2001:db8::/48"}} with optional {@code
 * messagesPerHour}, {@code recipientsPerHour}, {@code connections}, {@code autoLock} and {@code
 * smarthostIdentity}; {@code GET /outgoing-users?domain=&locked=true}; {@code GET}, {@code PUT}
 * (the same fields, each optional) and {@code DELETE /outgoing-users/{id}}; {@code POST
 * /outgoing-users/{id}/lock} (by hand, optionally {@code {"reason":"..."}}) and {@code POST
 * /outgoing-users/{id}/unlock} (optionally {@code {"identity":"bob@example.com"}} for one sender of
 * a smarthost; a domain login may unlock once per UTC day, then gets 403). The circuit breaker (ADR
 * 0045): {@code GET /outgoing-users/{id}/breaker} (baseline, current hour, limits, locks, whether
 * today's self-service unlock is left) and {@code PUT /outgoing-users/{id}/breaker
 * {"floorMessages":..,"floorRecipients":..}} (administrators and resellers; both null: the
 * cluster's floors).
 */
@Path("/outgoing-users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutgoingUserResource {

    public record NewUser(
            String domain,
            String username,
            String password,
            String ip,
            Integer messagesPerHour,
            Integer recipientsPerHour,
            Integer connections,
            Boolean autoLock,
            String smarthostIdentity) {}

    public record Change(
            String password,
            String ip,
            Integer messagesPerHour,
            Integer recipientsPerHour,
            Integer connections,
            Boolean autoLock,
            String smarthostIdentity) {}

    public record Unlock(String identity) {}

    public record Lock(String identity, String reason) {}

    public record Floors(Integer floorMessages, Integer floorRecipients) {}

    @Inject private OutgoingUserService users;
    @Inject private OutgoingBreakerService breaker;
    @Inject private CurrentCaller caller;

    @POST
    public Response add(NewUser body) {
        if (body == null) {
            throw new InvalidRequest(
                    "a JSON body {\"domain\":...,\"username\":...,\"password\":...} or"
                            + " {\"domain\":...,\"ip\":...} is required");
        }
        OutgoingUserEntry created =
                users.add(
                        caller.get(),
                        body.domain(),
                        body.username(),
                        new Settings(
                                body.password(),
                                body.ip(),
                                body.messagesPerHour(),
                                body.recipientsPerHour(),
                                body.connections(),
                                body.autoLock(),
                                body.smarthostIdentity()));
        return Response.created(
                        UriBuilder.fromPath("/api/v1/outgoing-users/{id}").build(created.id()))
                .entity(created)
                .build();
    }

    @GET
    public List<OutgoingUserEntry> list(
            @QueryParam("domain") String domain, @QueryParam("locked") String locked) {
        return users.list(caller.get(), domain, flag("locked", locked));
    }

    @GET
    @Path("{id}")
    public OutgoingUserEntry get(@PathParam("id") String id) {
        return users.get(caller.get(), id(id));
    }

    @PUT
    @Path("{id}")
    public OutgoingUserEntry change(@PathParam("id") String id, Change body) {
        if (body == null) {
            throw new InvalidRequest("a JSON body with the settings to change is required");
        }
        return users.change(
                caller.get(),
                id(id),
                new Settings(
                        body.password(),
                        body.ip(),
                        body.messagesPerHour(),
                        body.recipientsPerHour(),
                        body.connections(),
                        body.autoLock(),
                        body.smarthostIdentity()));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        users.remove(caller.get(), id(id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/lock")
    public OutgoingUserEntry lock(@PathParam("id") String id, Lock body) {
        return users.lock(
                caller.get(),
                id(id),
                body == null ? null : body.identity(),
                body == null ? null : body.reason());
    }

    @POST
    @Path("{id}/unlock")
    public OutgoingUserEntry unlock(@PathParam("id") String id, Unlock body) {
        return users.unlock(caller.get(), id(id), body == null ? null : body.identity());
    }

    @GET
    @Path("{id}/breaker")
    public BreakerStatus breaker(@PathParam("id") String id) {
        return breaker.status(caller.get(), id(id));
    }

    @PUT
    @Path("{id}/breaker")
    public BreakerStatus setFloors(@PathParam("id") String id, Floors body) {
        if (body == null) {
            throw new InvalidRequest(
                    "a JSON body {\"floorMessages\":...,\"floorRecipients\":...} is required");
        }
        return breaker.setFloors(
                caller.get(), id(id), body.floorMessages(), body.floorRecipients());
    }

    private static long id(String id) {
        Long n = Params.number("id", id);
        if (n == null) {
            throw new InvalidRequest("id is required");
        }
        return n;
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequest(name + " must be true or false");
    }
}
