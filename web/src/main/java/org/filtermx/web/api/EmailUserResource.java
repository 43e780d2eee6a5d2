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
import java.util.List;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.EmailUserService.EmailUserEntry;
import org.filtermx.application.EmailUserService.ImportJob;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;

/**
 * Email users: {@code POST /domains/{name}/users {"address":"bob@example.com","password":"...",
 * "reports":{"frequency":"daily","format":"pdf"}}}, {@code GET
 * /domains/{name}/users?after=&limit=}, {@code POST /domains/{name}/users/import} (a {@code
 * text/csv} body, docs/customer-guide.md: answered 202 with an import job that runs in the
 * background) and {@code GET /domains/{name}/users/import/{id}} (its progress and the lines not
 * imported) — reached through {@link DomainResource} — and {@code GET} and {@code DELETE
 * /users/{address}}.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class EmailUserResource {

    public record Reports(String frequency, String format) {}

    public record NewUser(String address, String password, Reports reports) {}

    @Inject private EmailUserService users;
    @Inject private CurrentCaller caller;

    Response add(String domain, NewUser body) {
        if (body == null) {
            throw new InvalidRequest("a JSON body {\"address\":...} is required");
        }
        Reports r = body.reports() == null ? new Reports(null, null) : body.reports();
        EmailUserEntry created =
                users.add(
                        caller.get(),
                        domain,
                        body.address(),
                        body.password(),
                        r.frequency(),
                        r.format());
        return Response.created(
                        UriBuilder.fromPath("/api/v1/users/{address}").build(created.address()))
                .entity(created)
                .build();
    }

    List<EmailUserEntry> list(String domain, String after, String limit) {
        Long n = Params.number("limit", limit);
        return users.list(
                caller.get(),
                domain,
                after,
                n == null ? 100 : (int) Math.max(1, Math.min(n, 1000)));
    }

    Response startImport(String domain, byte[] csv) {
        ImportJob job = users.startImport(caller.get(), domain, csv);
        return Response.accepted(job)
                // Relative to the API's base URI (JAX-RS resolves it there): /api/v1/domains/...
                .location(
                        UriBuilder.fromPath("domains/{name}/users/import/{id}")
                                .build(job.domain(), job.id()))
                .build();
    }

    ImportJob importJob(String domain, String id) {
        ImportJob job = users.importJob(caller.get(), id);
        if (!job.domain().equalsIgnoreCase(domain == null ? "" : domain.strip())) {
            throw new NotFound("no import " + id + " into " + domain);
        }
        return job;
    }

    @GET
    @Path("{address}")
    public EmailUserEntry get(@PathParam("address") String address) {
        return users.get(caller.get(), address);
    }

    @DELETE
    @Path("{address}")
    public Response remove(@PathParam("address") String address) {
        users.remove(caller.get(), address);
        return Response.noContent().build();
    }
}
