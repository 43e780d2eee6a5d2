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
import org.filtermx.application.DomainDetails;
import org.filtermx.application.DomainService;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicySettings;
import org.filtermx.application.InvalidRequest;

/**
 * Hosted domains: {@code /domains} and everything under one domain (docs/operator-guide.md,
 * "Domains").
 */
@Path("/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainResource {

    @Inject private EmailUserResource users;

    /** Body of {@code POST /domains}. */
    public record NewDomain(String name, List<Destination> destinations) {}

    /** One destination route in a request body; priority defaults to 10. */
    public record Destination(String host, Integer port, Integer priority) {
        DomainDetails.Route route() {
            if (port == null) {
                throw new InvalidRequest("each destination needs a host and a port");
            }
            return new DomainDetails.Route(host, port, priority == null ? 10 : priority);
        }
    }

    /** Body of {@code POST /domains/{name}/aliases}. */
    public record NewAlias(String alias) {}

    /**
     * Body of {@code PUT /domains/{name}/settings}; absent fields stay as they are. {@code
     * password} sets the domain-level login (user name = the domain); {@code reports} the domain's
     * protection report ({@code {"frequency":"weekly","format":"pdf","address":"..."}}); {@code
     * autoEnableUsers} switches automatic activation of recipients with held spam, {@code
     * destinationCatchAll} declares the destination a catch-all (ADR 0025); {@code outbound} the
     * outbound thresholds ({@code {"spamThreshold":5,"lockThreshold":10}} or {@code
     * {"clusterDefault":true}}; administrators and resellers, ADR 0028); {@code recipientChecks}
     * the verification of new recipients with the destination at RCPT time ({@code
     * {"verifyRecipients":true,"acceptUnverified":false}}, ADR 0031) and greylisting ({@code
     * {"greylisting":true}}, ADR 0032); {@code tlsPolicy} the domain's TLS policy ({@code
     * {"delivery":"verified","inbound":"required"}}; delivery {@code opportunistic}, {@code
     * required} or {@code verified}, inbound {@code optional} or {@code required}).
     */
    public record Settings(
            Boolean catchAll,
            String adminContact,
            String password,
            DomainDetails.Reports reports,
            Boolean autoEnableUsers,
            Boolean destinationCatchAll,
            DomainDetails.OutboundChange outbound,
            DomainDetails.RecipientChecksChange recipientChecks,
            DomainDetails.TlsPolicyChange tlsPolicy) {}

    @Inject private DomainService domains;
    @Inject private FilterAdministration filters;
    @Inject private CurrentCaller caller;

    @GET
    public List<DomainDetails> list() {
        return domains.list(caller.get());
    }

    @POST
    public Response add(NewDomain body) {
        if (body == null || body.name() == null) {
            throw new InvalidRequest("the body needs a name and destinations");
        }
        DomainDetails created = domains.add(caller.get(), body.name(), routes(body.destinations()));
        return Response.created(UriBuilder.fromPath("/api/v1/domains/{name}").build(created.name()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{name}")
    public DomainDetails get(@PathParam("name") String name) {
        return domains.get(caller.get(), name);
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        domains.remove(caller.get(), name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/aliases")
    public Response addAlias(@PathParam("name") String name, NewAlias body) {
        if (body == null || body.alias() == null) {
            throw new InvalidRequest("the body needs an alias");
        }
        return Response.status(Response.Status.CREATED)
                .entity(domains.addAlias(caller.get(), name, body.alias()))
                .build();
    }

    /**
     * Looks up the TXT records of the domain's pending names and activates those that hold their
     * token; 400 with what was found when none does (ADR 0014).
     */
    @POST
    @Path("{name}/verify")
    public DomainDetails verify(@PathParam("name") String name) {
        return domains.verify(caller.get(), name);
    }

    /** An administrator approves the domain's pending names. */
    @POST
    @Path("{name}/approve")
    public DomainDetails approve(@PathParam("name") String name) {
        return domains.approve(caller.get(), name);
    }

    @DELETE
    @Path("{name}/aliases/{alias}")
    public DomainDetails removeAlias(
            @PathParam("name") String name, @PathParam("alias") String alias) {
        return domains.removeAlias(caller.get(), name, alias);
    }

    @PUT
    @Path("{name}/destinations")
    public DomainDetails replaceDestinations(
            @PathParam("name") String name, List<Destination> body) {
        return domains.replaceDestinations(caller.get(), name, routes(body));
    }

    @PUT
    @Path("{name}/local-recipients")
    public DomainDetails replaceLocalRecipients(@PathParam("name") String name, List<String> body) {
        if (body == null) {
            throw new InvalidRequest(
                    "the body must be a JSON array of local parts ([] turns the list off)");
        }
        return domains.replaceLocalRecipients(caller.get(), name, body);
    }

    @PUT
    @Path("{name}/settings")
    public DomainDetails changeSettings(@PathParam("name") String name, Settings body) {
        if (body == null) {
            throw new InvalidRequest("the body must be a JSON object");
        }
        return domains.changeSettings(
                caller.get(),
                name,
                body.catchAll(),
                body.adminContact(),
                body.password(),
                body.reports(),
                body.autoEnableUsers(),
                body.destinationCatchAll(),
                body.outbound(),
                body.recipientChecks(),
                body.tlsPolicy());
    }

    @GET
    @Path("{name}/filter-policy")
    public PolicySettings filterPolicy(@PathParam("name") String name) {
        return filters.policy(caller.get(), name);
    }

    @PUT
    @Path("{name}/filter-policy")
    public PolicySettings changeFilterPolicy(@PathParam("name") String name, PolicySettings body) {
        return filters.changePolicy(caller.get(), name, FilterPolicyResource.required(body));
    }

    private static List<DomainDetails.Route> routes(List<Destination> destinations) {
        if (destinations == null || destinations.isEmpty()) {
            throw new InvalidRequest("a domain needs at least one destination (host and port)");
        }
        if (destinations.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequest("each destination must be an object with a host and a port");
        }
        return destinations.stream().map(Destination::route).toList();
    }

    @POST
    @Path("{name}/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addUser(@PathParam("name") String name, EmailUserResource.NewUser body) {
        return users.add(name, body);
    }

    @GET
    @Path("{name}/users")
    public List<EmailUserService.EmailUserEntry> listUsers(
            @PathParam("name") String name,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        return users.list(name, after, limit);
    }

    /**
     * Starts an import: 202 with the job; a file that cannot be read at all is refused 400 at once.
     */
    @POST
    @Path("{name}/users/import")
    @Consumes("text/csv")
    public Response importUsers(@PathParam("name") String name, byte[] csv) {
        return users.startImport(name, csv);
    }

    @GET
    @Path("{name}/users/import/{id}")
    public EmailUserService.ImportJob importProgress(
            @PathParam("name") String name, @PathParam("id") String id) {
        return users.importJob(name, id);
    }
}
