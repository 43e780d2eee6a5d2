package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

    public record Code(String code) {}

    public record CurrentPassword(String password) {}

    @Inject private AccountService accounts;
    @Inject private CurrentCaller caller;

    @GET
    public Map<String, String> me() {
        Caller c = caller.get();
        return Map.of("username", c.username(), "role", c.role().name(),
                "twoStepLogin", Boolean.toString(accounts.totpEnabled(c)));
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body) {
        accounts.changeOwnPassword(caller.get(), body == null ? null : body.current(),
                body == null ? null : body.password());
        return Response.noContent().build();
    }

    /** Starts setting up two-step login for console logins: the secret and its {@code otpauth://} URI. */
    @POST
    @Path("totp")
    public AccountService.TotpSetup startTotp() {
        return accounts.startTotp(caller.get());
    }

    /** {@code {"code":"123456"}} from the app confirms it; console logins then need a code. */
    @POST
    @Path("totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirmTotp(Code body) {
        accounts.confirmTotp(caller.get(), body == null ? null : body.code());
        return Response.noContent().build();
    }

    /** {@code {"password":"..."}} switches it off. */
    @POST
    @Path("totp/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disableTotp(CurrentPassword body) {
        accounts.disableTotp(caller.get(), body == null ? null : body.password());
        return Response.noContent().build();
    }
}
