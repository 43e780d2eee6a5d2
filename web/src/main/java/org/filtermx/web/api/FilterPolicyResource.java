package org.filtermx.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.filtermx.application.FilterAdministration;
import org.filtermx.application.FilterAdministration.PolicySettings;
import org.filtermx.application.InvalidRequest;

/**
 * {@code /filter-policy}: the cluster-wide filter defaults (thresholds, disabled scanners, what to
 * do when an engine is down). A domain's overrides live under {@code /domains/{name}/filter-policy}
 * ({@link DomainResource}).
 */
@Path("/filter-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FilterPolicyResource {

    @Inject private FilterAdministration filters;
    @Inject private CurrentCaller caller;

    @GET
    public PolicySettings defaults() {
        return filters.policy(caller.get(), "");
    }

    @PUT
    public PolicySettings changeDefaults(PolicySettings body) {
        return filters.changePolicy(caller.get(), "", required(body));
    }

    static PolicySettings required(PolicySettings body) {
        if (body == null) {
            throw new InvalidRequest("the body must be a JSON object");
        }
        return body;
    }
}
