package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.StringReader;
import java.util.List;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.EmailUserService.EmailUserView;
import org.filtermx.application.EmailUserService.ImportResult;
import org.filtermx.application.InvalidRequest;

/**
 * Email users: {@code POST /domains/{name}/users {"address":"bob@example.com","password":"...",
 * "reports":{"frequency":"daily","format":"pdf"}}}, {@code GET /domains/{name}/users?after=&limit=},
 * {@code POST /domains/{name}/users/import} (a {@code text/csv} body of lines {@code
 * address[,password[,frequency[,format]]]}) — reached through {@link DomainResource} — and {@code
 * GET} and {@code DELETE /users/{address}}.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class EmailUserResource {

    public record Reports(String frequency, String format) {}

    public record NewUser(String address, String password, Reports reports) {}

    /** Largest CSV body: 10,000 lines of an address, a password and the report settings. */
    static final int MAX_CSV_CHARS = 4 * 1024 * 1024;

    @Inject private EmailUserService users;
    @Inject private CurrentCaller caller;

    Response add(String domain, NewUser body) {
        if (body == null) {
            throw new InvalidRequest("a JSON body {\"address\":...} is required");
        }
        Reports r = body.reports() == null ? new Reports(null, null) : body.reports();
        EmailUserView created = users.add(caller.get(), domain, body.address(), body.password(), r.frequency(),
                r.format());
        return Response.created(UriBuilder.fromPath("/api/v1/users/{address}").build(created.address()))
                .entity(created)
                .build();
    }

    List<EmailUserView> list(String domain, String after, String limit) {
        Long n = Params.number("limit", limit);
        return users.list(caller.get(), domain, after, n == null ? 100 : (int) Math.max(1, Math.min(n, 1000)));
    }

    ImportResult importCsv(String domain, String csv) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidRequest("the body must be CSV lines address[,password[,frequency[,format]]]");
        }
        if (csv.length() > MAX_CSV_CHARS) {
            throw new InvalidRequest("the CSV is larger than " + MAX_CSV_CHARS / 1024 / 1024 + " MB");
        }
        return users.importCsv(caller.get(), domain, new StringReader(csv), null);
    }

    @GET
    @Path("{address}")
    public EmailUserView get(@PathParam("address") String address) {
        return users.get(caller.get(), address);
    }

    @DELETE
    @Path("{address}")
    public Response remove(@PathParam("address") String address) {
        users.remove(caller.get(), address);
        return Response.noContent().build();
    }
}
