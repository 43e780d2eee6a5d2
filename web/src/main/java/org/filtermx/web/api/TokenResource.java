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
import java.util.List;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.TokenService;

/**
 * The caller's API tokens: {@code POST /tokens {"name":"cPanel","password":"...","code":"..."}}
 * answers the token once, as {@code secret}; send it as {@code Authorization: Bearer <secret>}.
 * {@code GET /tokens}; {@code DELETE /tokens/{id}} with {@code {"password":"...","code":"..."}}.
 * Making and revoking a token asks for the current password, and when two-step login is on a
 * current code, whatever credentials the request itself came with.
 */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    public record NewToken(String name, String password, String code) {}

    public record Confirmation(String password, String code) {}

    @Inject private TokenService tokens;
    @Inject private CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewToken body) {
        if (body == null) {
            throw new InvalidRequest("a JSON body {\"name\":...,\"password\":...} is required");
        }
        return Response.status(Response.Status.CREATED)
                .entity(tokens.create(caller.get(), body.name(), body.password(), body.code()))
                .build();
    }

    @GET
    public List<TokenService.TokenEntry> list() {
        return tokens.list(caller.get());
    }

    /**
     * Revokes a token. The JSON body is read here rather than by the framework, which answers a
     * DELETE without a body with a bare 415: without one, the answer says what is missing.
     */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, String json) {
        Confirmation body =
                json == null || json.isBlank()
                        ? null
                        : SharedJsonb.JSON.fromJson(json, Confirmation.class);
        Long n = Params.number("id", id);
        tokens.revoke(
                caller.get(),
                n == null ? 0 : n,
                body == null ? null : body.password(),
                body == null ? null : body.code());
        return Response.noContent().build();
    }
}
