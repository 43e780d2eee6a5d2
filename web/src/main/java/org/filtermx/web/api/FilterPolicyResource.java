package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicyView;
import org.filtermx.application.InvalidRequest;

/**
 * Filter policies: {@code /filter-policy} holds the cluster defaults, {@code
 * /domains/{name}/filter-policy} a domain's overrides (thresholds, disabled scanners, what to do
 * when an engine is down).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FilterPolicyResource {

    @Inject private FilterAdministration filters;
    @Inject private CurrentCaller caller;

    @GET
    @Path("filter-policy")
    public PolicyView defaults() {
        return filters.policy(caller.get(), "");
    }

    @PUT
    @Path("filter-policy")
    public PolicyView changeDefaults(PolicyView body) {
        return filters.changePolicy(caller.get(), "", required(body));
    }

    @GET
    @Path("domains/{name}/filter-policy")
    public PolicyView domainPolicy(@PathParam("name") String name) {
        return filters.policy(caller.get(), name);
    }

    @PUT
    @Path("domains/{name}/filter-policy")
    public PolicyView changeDomainPolicy(@PathParam("name") String name, PolicyView body) {
        return filters.changePolicy(caller.get(), name, required(body));
    }

    private static PolicyView required(PolicyView body) {
        if (body == null) {
            throw new InvalidRequest("the body must be a JSON object");
        }
        return body;
    }
}
