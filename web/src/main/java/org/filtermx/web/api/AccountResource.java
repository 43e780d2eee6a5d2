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
 * The caller itself: {@code GET /me} (user name, role, whether two-step login is on), {@code PUT
 * /me/password {"current":"...","code":"...","password":"..."}} and two-step login under {@code
 * /me/totp}. Every change asks for the current password, and when two-step login is on for a
 * current code from the app ({@code code}); each of these checks is throttled like a login.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record PasswordChange(String current, String code, String password) {}

    public record Code(String code) {}

    /** The current password, and the current code when two-step login is on. */
    public record Confirmation(String password, String code) {}

    @Inject private AccountService accounts;
    @Inject private CurrentCaller caller;

    @GET
    public Map<String, String> me() {
        Caller c = caller.get();
        return Map.of(
                "username",
                c.username(),
                "role",
                c.role().name(),
                "twoStepLogin",
                Boolean.toString(accounts.totpEnabled(c)));
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body) {
        accounts.changeOwnPassword(
                caller.get(),
                body == null ? null : body.current(),
                body == null ? null : body.code(),
                body == null ? null : body.password());
        return Response.noContent().build();
    }

    /**
     * {@code {"password":"..."}} starts setting up two-step login: the secret and its {@code
     * otpauth://} URI. Refused (409) while two-step login is on: a confirmed factor is switched off
     * first, with password and code, never replaced behind the owner's back.
     */
    @POST
    @Path("totp")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountService.TotpSetup startTotp(Confirmation body) {
        return accounts.startTotp(caller.get(), body == null ? null : body.password());
    }

    /**
     * {@code {"code":"123456"}} from the app confirms it; logins then need a code, and the API a
     * token.
     */
    @POST
    @Path("totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirmTotp(Code body) {
        accounts.confirmTotp(caller.get(), body == null ? null : body.code());
        return Response.noContent().build();
    }

    /** {@code {"password":"...","code":"123456"}} switches it off. */
    @POST
    @Path("totp/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disableTotp(Confirmation body) {
        accounts.disableTotp(
                caller.get(),
                body == null ? null : body.password(),
                body == null ? null : body.code());
        return Response.noContent().build();
    }
}
