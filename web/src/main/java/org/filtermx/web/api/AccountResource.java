package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.filtermx.application.AccountService;
import org.filtermx.application.Caller;

/**
 * The caller itself: {@code GET /me} (user name and role) and {@code PUT /me/password
 * {"current":"...","password":"..."}}.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record PasswordChange(String current, String password) {}

    @Inject private AccountService accounts;
    @Inject private CurrentCaller caller;

    @GET
    public Map<String, String> me() {
        Caller c = caller.get();
        return Map.of("username", c.username(), "role", c.role().name());
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body) {
        accounts.changeOwnPassword(caller.get(), body == null ? null : body.current(),
                body == null ? null : body.password());
        return Response.noContent().build();
    }
}
